import { clockHours, type Clock } from '../clocks/clockSpec.ts';
import { clockStartOf, extendClockIndex, type ClockStart } from '../clocks/clockStatus.ts';
import type { DutySpec } from '../playbook/dutySpec.ts';
import type { Organisation } from '../record/organisation.ts';
import type { IncidentFold } from './incidentFold.ts';
import { dutyKey, type DutyDone, type RegisteredOrganisation } from './register.ts';

const HOUR = 3_600_000;

/** One duty owed to one organisation (for one of its products, where the duty is owed per product), as it stands now. */
export type DutyState = {
  duty: DutySpec;
  product?: string | undefined;
} & (
  | { status: 'done' | 'done-late'; done: DutyDone; dueAt?: string | undefined }
  /** Recorded as not owed to it after all, with the reason (`done.notNeeded`). */
  | { status: 'not-needed'; done: DutyDone; dueAt?: string | undefined }
  /** Waits for other duties to be done first (`after`), named here. */
  | { status: 'waiting'; waitingFor: string[] }
  /** Owed, with no clock, or a clock not started yet. */
  | { status: 'open'; waitingFor?: string | undefined }
  | { status: 'running' | 'due-soon' | 'overdue'; dueAt: string; remainingMs: number; start: ClockStart; hours: number }
);

export interface OrganisationStatus {
  registered: RegisteredOrganisation;
  organisation: Organisation;
  duties: DutyState[];
  /** Notices sent to it (entries of duties that are sent as notices) and how many it acknowledged. */
  notices: { sent: number; acknowledged: number };
}

/**
 * How many organisations (or organisations' products) one duty is owed to, and how many it is settled for: done,
 * or recorded as not needed (`notNeeded` of them).
 */
export interface DutyCount {
  duty: string;
  label: string;
  short: string;
  owed: number;
  done: number;
  notNeeded: number;
  late: number;
  overdue: number;
}

export interface RegisterStatus {
  organisations: OrganisationStatus[];
  /** Groups told as one count once; `members` counts what they stand for. */
  count: number;
  members: number;
  duties: DutyCount[];
  /** Notices sent and acknowledged, across the register. */
  notices: { sent: number; acknowledged: number };
  /** The same counts per product (duties owed per product only) and per nation. */
  byProduct: Array<{ key: string; duties: DutyCount[] }>;
  byNation: Array<{ key: string; duties: DutyCount[] }>;
  /** Duties not done whose clock has run out or will soon, most urgent first. */
  urgent: Array<{ organisation: Organisation; state: Extract<DutyState, { status: 'running' | 'due-soon' | 'overdue' }> }>;
}

/**
 * Where every duty to every organisation of the register stands at `now`. Pure, from the fold alone (the register
 * and the clock index it keeps): the start of each duty's clock is worked out once for all organisations, so the
 * cost grows with the organisations, not with the record.
 */
export function registerStatus(fold: IncidentFold, now: Date): RegisterStatus {
  const { playbook, register } = fold;
  const index = extendClockIndex(fold.clockIndex, fold.events);
  // Each duty's part that is the same for every organisation, worked out once.
  const plans = playbook.duties.map((duty): DutyPlan => {
    const clock = playbook.indexedClocks.find((c) => c.id === `duty-${duty.id}`);
    const start = clock ? clockStartOf(index, clock) : undefined;
    return {
      duty,
      applies: new Set<string>(duty.appliesTo),
      clock,
      start,
      startMs: start ? Date.parse(start.at) : undefined,
      after: duty.after.map((id) => {
        const before = playbook.duties.find((d) => d.id === id);
        return { id, perProduct: before?.perProduct ?? false, label: before?.label ?? id };
      }),
      dueAt: new Map(),
    };
  });
  const acknowledgedBy = new Map<string, number>();
  for (const ack of register.acknowledgements.values()) acknowledgedBy.set(ack.organisation, (acknowledgedBy.get(ack.organisation) ?? 0) + 1);
  const noticeDuties = new Set(playbook.duties.filter((duty) => duty.asks !== undefined).map((duty) => duty.id));
  const sentTo = new Map<string, number>();
  for (const done of register.done.values()) if (noticeDuties.has(done.duty) && done.notNeeded === undefined) sentTo.set(done.organisation, (sentTo.get(done.organisation) ?? 0) + 1);

  const organisations: OrganisationStatus[] = [];
  const nowMs = now.getTime();
  for (const registered of register.organisations.values()) {
    const organisation = registered.organisation;
    const duties: DutyState[] = [];
    for (const plan of plans) {
      if (!organisation.kinds.some((kind) => plan.applies.has(kind))) continue;
      if (plan.duty.perProduct && organisation.products.length > 0) for (const product of organisation.products) duties.push(dutyState(fold, organisation, plan, product, nowMs));
      else duties.push(dutyState(fold, organisation, plan, undefined, nowMs));
    }
    organisations.push({ registered, organisation, duties, notices: { sent: sentTo.get(organisation.id) ?? 0, acknowledged: acknowledgedBy.get(organisation.id) ?? 0 } });
  }
  return summarise(playbook.duties, organisations);
}

/** What is the same for every organisation a duty is owed to: its clock's start, the duties before it, its deadlines by length. */
interface DutyPlan {
  duty: DutySpec;
  applies: Set<string>;
  clock: Clock | undefined;
  start: ClockStart | undefined;
  startMs: number | undefined;
  after: Array<{ id: string; perProduct: boolean; label: string }>;
  /** The deadline for each length of clock (the duty's own, or a contract's window), made once. */
  dueAt: Map<number, { iso: string; ms: number }>;
}

function dutyState(fold: IncidentFold, organisation: Organisation, plan: DutyPlan, product: string | undefined, nowMs: number): DutyState {
  const { duty, clock, start, startMs } = plan;
  const done = fold.register.done.get(dutyKey(organisation.id, duty.id, product));
  const hours = clock ? hoursFor(duty, clock, organisation) : undefined;
  let due: { iso: string; ms: number } | undefined;
  if (startMs !== undefined && hours !== undefined) {
    due = plan.dueAt.get(hours);
    if (!due) {
      const ms = startMs + hours * HOUR;
      due = { iso: new Date(ms).toISOString(), ms };
      plan.dueAt.set(hours, due);
    }
  }
  if (done?.notNeeded !== undefined) return { duty, product, status: 'not-needed', done, dueAt: due?.iso };
  if (done) return { duty, product, status: due !== undefined && Date.parse(done.at) > due.ms ? 'done-late' : 'done', done, dueAt: due?.iso };
  const waitingFor: string[] = [];
  for (const before of plan.after) if (!fold.register.done.has(dutyKey(organisation.id, before.id, before.perProduct ? product : undefined))) waitingFor.push(before.label);
  if (waitingFor.length > 0) return { duty, product, status: 'waiting', waitingFor };
  if (!start || due === undefined || hours === undefined || !clock) {
    return { duty, product, status: 'open', ...(clock && !start ? { waitingFor: startWords(clock) } : {}) };
  }
  const remainingMs = due.ms - nowMs;
  const soonMs = (hours / 4) * HOUR;
  return { duty, product, status: remainingMs < 0 ? 'overdue' : remainingMs <= soonMs ? 'due-soon' : 'running', dueAt: due.iso, remainingMs, start, hours };
}

/** The hours a duty's clock runs for an organisation: the duty's, or the contract's notice window where that is shorter. */
function hoursFor(duty: DutySpec, clock: Clock, organisation: Organisation): number {
  const own = clockHours(clock);
  return duty.clock?.contractWindow && organisation.noticeHours !== undefined ? Math.min(own, organisation.noticeHours) : own;
}

function startWords(clock: Clock): string {
  const { starts } = clock;
  if (starts.on === 'fact') return `${starts.fact} to be recorded as ${starts.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  if (starts.on === 'moment') return starts.label;
  return "the incident's awareness";
}

function summarise(duties: readonly DutySpec[], organisations: OrganisationStatus[]): RegisterStatus {
  const counts = (list: Iterable<{ duty: DutyState; }>): DutyCount[] => {
    const byDuty = new Map<string, DutyCount>(duties.map((duty) => [duty.id, { duty: duty.id, label: duty.label, short: duty.short, owed: 0, done: 0, notNeeded: 0, late: 0, overdue: 0 }]));
    for (const { duty: state } of list) {
      const count = byDuty.get(state.duty.id) as DutyCount;
      count.owed += 1;
      if (state.status === 'done' || state.status === 'done-late' || state.status === 'not-needed') count.done += 1;
      if (state.status === 'not-needed') count.notNeeded += 1;
      if (state.status === 'done-late') count.late += 1;
      if (state.status === 'overdue') count.overdue += 1;
    }
    return [...byDuty.values()].filter((count) => count.owed > 0);
  };
  const all = organisations.flatMap((status) => status.duties.map((duty) => ({ duty, organisation: status.organisation })));
  const group = (keyOf: (entry: (typeof all)[number]) => string | undefined) => {
    const groups = new Map<string, typeof all>();
    for (const entry of all) {
      const key = keyOf(entry);
      if (key === undefined) continue;
      const list = groups.get(key);
      if (list) list.push(entry);
      else groups.set(key, [entry]);
    }
    return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => ({ key, duties: counts(list) }));
  };
  const urgent = all
    .flatMap(({ duty, organisation }) => (duty.status === 'overdue' || duty.status === 'due-soon' || duty.status === 'running' ? [{ organisation, state: duty }] : []))
    .sort((a, b) => a.state.remainingMs - b.state.remainingMs);
  return {
    organisations,
    count: organisations.length,
    members: organisations.reduce((sum, status) => sum + (status.organisation.members ?? 1), 0),
    duties: counts(all),
    notices: organisations.reduce((sum, status) => ({ sent: sum.sent + status.notices.sent, acknowledged: sum.acknowledged + status.notices.acknowledged }), { sent: 0, acknowledged: 0 }),
    byProduct: group(({ duty }) => (duty.duty.perProduct ? duty.product : undefined)),
    byNation: group(({ organisation }) => organisation.nation),
    urgent,
  };
}

/** The organisations (and products) a duty is still owed to: what blocks a decision that speaks for them all. */
export function stillOwed(fold: IncidentFold, duty: string): Array<{ organisation: Organisation; product?: string | undefined }> {
  const spec = fold.playbook.duties.find((d) => d.id === duty);
  if (!spec) return [];
  const out: Array<{ organisation: Organisation; product?: string | undefined }> = [];
  for (const { organisation } of fold.register.organisations.values()) {
    if (!spec.appliesTo.some((kind) => organisation.kinds.includes(kind))) continue;
    const products = spec.perProduct && organisation.products.length > 0 ? organisation.products : [undefined];
    for (const product of products) if (!fold.register.done.has(dutyKey(organisation.id, duty, spec.perProduct ? product : undefined))) out.push({ organisation, product });
  }
  return out;
}
