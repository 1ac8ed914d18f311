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
  const starts = new Map<string, { start: ClockStart | undefined; clock: Clock }>();
  for (const clock of playbook.indexedClocks) {
    if (clock.id.startsWith('duty-')) starts.set(clock.id.slice('duty-'.length), { start: clockStartOf(index, clock), clock });
  }
  const acknowledgedBy = new Map<string, number>();
  for (const ack of register.acknowledgements.values()) acknowledgedBy.set(ack.organisation, (acknowledgedBy.get(ack.organisation) ?? 0) + 1);
  const noticeDuties = new Set(playbook.duties.filter((duty) => duty.asks !== undefined).map((duty) => duty.id));
  const sentTo = new Map<string, number>();
  for (const done of register.done.values()) if (noticeDuties.has(done.duty) && done.notNeeded === undefined) sentTo.set(done.organisation, (sentTo.get(done.organisation) ?? 0) + 1);

  const organisations: OrganisationStatus[] = [];
  for (const registered of register.organisations.values()) {
    const organisation = registered.organisation;
    const duties: DutyState[] = [];
    for (const duty of playbook.duties) {
      if (!duty.appliesTo.some((kind) => organisation.kinds.includes(kind))) continue;
      const products = duty.perProduct ? (organisation.products.length > 0 ? organisation.products : [undefined]) : [undefined];
      for (const product of products) duties.push(dutyState(fold, organisation, duty, product, starts.get(duty.id), now));
    }
    organisations.push({ registered, organisation, duties, notices: { sent: sentTo.get(organisation.id) ?? 0, acknowledged: acknowledgedBy.get(organisation.id) ?? 0 } });
  }
  return summarise(playbook.duties, organisations);
}

function dutyState(
  fold: IncidentFold,
  organisation: Organisation,
  duty: DutySpec,
  product: string | undefined,
  clock: { start: ClockStart | undefined; clock: Clock } | undefined,
  now: Date,
): DutyState {
  const done = fold.register.done.get(dutyKey(organisation.id, duty.id, product));
  const hours = clock ? hoursFor(duty, clock.clock, organisation) : undefined;
  const dueAt = clock?.start && hours !== undefined ? new Date(Date.parse(clock.start.at) + hours * HOUR).toISOString() : undefined;
  if (done?.notNeeded !== undefined) return { duty, product, status: 'not-needed', done, dueAt };
  if (done) return { duty, product, status: dueAt !== undefined && Date.parse(done.at) > Date.parse(dueAt) ? 'done-late' : 'done', done, dueAt };
  const waitingFor = duty.after.filter((before) => !fold.register.done.has(dutyKey(organisation.id, before, fold.playbook.duties.find((d) => d.id === before)?.perProduct ? product : undefined)));
  if (waitingFor.length > 0) return { duty, product, status: 'waiting', waitingFor: waitingFor.map((id) => fold.playbook.duties.find((d) => d.id === id)?.label ?? id) };
  if (!clock?.start || dueAt === undefined || hours === undefined) {
    return { duty, product, status: 'open', ...(clock && !clock.start ? { waitingFor: startWords(clock.clock) } : {}) };
  }
  const remainingMs = Date.parse(dueAt) - now.getTime();
  const soonMs = (hours / 4) * HOUR;
  return { duty, product, status: remainingMs < 0 ? 'overdue' : remainingMs <= soonMs ? 'due-soon' : 'running', dueAt, remainingMs, start: clock.start, hours };
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
