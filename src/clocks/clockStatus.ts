import { isBackdated } from '../record/backdating.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import { type Clock, clockHours } from './clockSpec.ts';

const HOUR = 3_600_000;

/** One entry of the record, as a clock refers to it: when it claims to have happened, when it was recorded, by whom. */
export interface EntryRef {
  seq: number;
  at: string;
  recordedAt: string;
  by: Actor;
  backdateReason?: string;
}

/** When a clock started, what started it, and whether that is still only the earliest it could have started. */
export interface ClockStart {
  at: string;
  cause: 'incident-awareness' | 'moment' | 'fact' | 'reopened';
  /** What started it, in words: "the incident's awareness", "Aware of a personal data breach", … */
  label: string;
  /**
   * The clock waits for a moment of awareness not yet recorded and runs from the incident's awareness meanwhile,
   * the earliest it could have started.
   */
  provisional: boolean;
  /** The entry that started it (none for the incident's awareness). */
  entry?: EntryRef;
  /** The moment was recorded more than once: the latest recording counts. */
  corrected?: boolean;
}

/** A waiver ("not required") that a later entry contradicted. */
export interface Reopened {
  waiver: EntryRef & { reason?: string };
  because: string;
  entry: EntryRef;
}

/** A further report to the same recipient after the first (UK GDPR Art. 33(4): information in phases). */
export interface FollowUp extends EntryRef {
  reference?: string;
}

/** Where one clock stands at a given moment. */
export type ClockState =
  | { status: 'not-started'; clock: Clock; waitingFor: string }
  | {
      status: 'running' | 'due-soon' | 'overdue';
      clock: Clock;
      start: ClockStart;
      dueAt: string;
      remainingMs: number;
      reopened?: Reopened;
    }
  | {
      status: 'met' | 'met-late' | 'waived';
      clock: Clock;
      start: ClockStart;
      dueAt: string;
      /** When the notification (or the decision that it was not needed) happened, as claimed. */
      at: string;
      recordedAt: string;
      by: Actor;
      seq: number;
      reference?: string;
      /** The reasons for a late report, or why the notification was not required. */
      reason?: string;
      backdateReason?: string;
      /** Met by the time claimed, but recorded after the deadline: the verdict rests on a back-dated entry. */
      recordedAfterDeadline: boolean;
      followUps: FollowUp[];
      reopened?: Reopened;
    };

/**
 * Where every clock of a playbook stands, from the record alone. Pure: deadlines are real hours after the start
 * (72 hours across a BST/GMT change is still 72 hours), and `now` is passed in.
 */
export function clockStates(clocks: readonly Clock[], events: readonly RecordedEvent[], now: Date): ClockState[] {
  return clocks.map((clock) => stateOf(clock, events, now));
}

function ref(event: RecordedEvent): EntryRef {
  return {
    seq: event.seq,
    at: event.occurredAt,
    recordedAt: event.recordedAt,
    by: event.actor,
    ...(event.backdateReason === undefined ? {} : { backdateReason: event.backdateReason }),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The value an entry gives a fact, if it gives it one: a decision's payload field, or a correction. */
export function factValueSetBy(event: RecordedEvent, fact: string): { value: unknown } | undefined {
  if (event.kind === 'decision' && event.data.payload && fact in event.data.payload) return { value: event.data.payload[fact] };
  if (event.kind === 'fact.corrected' && event.data.fact === fact) return { value: event.data.value };
  return undefined;
}

function stateOf(clock: Clock, events: readonly RecordedEvent[], now: Date): ClockState {
  const opened = events[0];
  const awareAt = opened?.kind === 'incident.opened' ? opened.data.awareAt : undefined;
  if (!awareAt) return { status: 'not-started', clock, waitingFor: 'the incident to be opened' };

  let start = startOf(clock, events, awareAt);
  const waiverEvent = clock.waivedBy && events.find((e) => e.kind === 'decision' && e.data.event === clock.waivedBy?.event);
  let reopened: Reopened | undefined;
  if (waiverEvent && waiverEvent.kind === 'decision') {
    const reasonField = clock.waivedBy?.reason;
    const reason = reasonField ? waiverEvent.data.payload?.[reasonField] : undefined;
    const waiver = { ...ref(waiverEvent), ...(reason === undefined ? {} : { reason: String(reason) }) };
    const contradiction = contradictionOf(clock, events, waiverEvent.seq);
    if (!contradiction) {
      const base = start ?? { at: awareAt, cause: 'incident-awareness' as const, label: "the incident's awareness", provisional: false };
      return {
        status: 'waived',
        clock,
        start: base,
        dueAt: dueOf(clock, base.at),
        ...waiver,
        at: waiverEvent.occurredAt,
        recordedAfterDeadline: false,
        followUps: [],
      };
    }
    reopened = { waiver, because: contradiction.because, entry: ref(contradiction.event) };
    // A re-opened clock runs from its own start when the record has one; otherwise from the entry that showed
    // the waiver was wrong, which is when the organisation became aware that the duty applies.
    if (!start || start.provisional || start.cause === 'incident-awareness') {
      start = { at: contradiction.event.occurredAt, cause: 'reopened', label: contradiction.because, provisional: false, entry: ref(contradiction.event) };
    }
  }
  if (!start) return { status: 'not-started', clock, waitingFor: waitingFor(clock) };

  const dueAt = dueOf(clock, start.at);
  const after = reopened?.entry.seq ?? 0;
  const stop = events.find((e) => e.seq > after && isStop(clock, e));
  if (stop) {
    const late = Date.parse(stop.occurredAt) > Date.parse(dueAt);
    const value = clock.stops.reference && stop.kind === 'decision' ? stop.data.payload?.[clock.stops.reference] : undefined;
    const reference = stop.kind === 'notification.reported' ? stop.data.reference : value === undefined ? undefined : String(value);
    const followUps = events
      .filter((e) => e.seq > stop.seq && e.kind === 'notification.reported' && e.data.clock === clock.id && e.data.followUp)
      .map((e) => ({ ...ref(e), ...(e.kind === 'notification.reported' && e.data.reference ? { reference: e.data.reference } : {}) }));
    return {
      status: late ? 'met-late' : 'met',
      clock,
      start,
      dueAt,
      ...ref(stop),
      ...(reference === undefined ? {} : { reference }),
      ...(late && stop.note ? { reason: stop.note } : {}),
      recordedAfterDeadline: !late && Date.parse(stop.recordedAt) > Date.parse(dueAt),
      followUps,
      ...(reopened ? { reopened } : {}),
    };
  }
  const remainingMs = Date.parse(dueAt) - now.getTime();
  const dueSoonMs = (clock.dueSoonHours ?? clockHours(clock) / 4) * HOUR;
  const status = remainingMs < 0 ? 'overdue' : remainingMs <= dueSoonMs ? 'due-soon' : 'running';
  return { status, clock, start, dueAt, remainingMs, ...(reopened ? { reopened } : {}) };
}

function dueOf(clock: Clock, startAt: string): string {
  return new Date(Date.parse(startAt) + clockHours(clock) * HOUR).toISOString();
}

function isStop(clock: Clock, event: RecordedEvent): boolean {
  if (event.kind === 'decision') return event.data.event === clock.stops.event;
  return event.kind === 'notification.reported' && event.data.clock === clock.id && !event.data.followUp;
}

function startOf(clock: Clock, events: readonly RecordedEvent[], awareAt: string): ClockStart | undefined {
  const { starts } = clock;
  if (starts.on === 'awareness') return { at: awareAt, cause: 'incident-awareness', label: "the incident's awareness", provisional: false };
  if (starts.on === 'moment') {
    const recorded = events.filter((e) => e.kind === 'awareness.recorded' && e.data.moment === starts.moment);
    const latest = recorded.at(-1);
    if (!latest) return { at: awareAt, cause: 'incident-awareness', label: "the incident's awareness", provisional: true };
    return {
      at: latest.occurredAt,
      cause: 'moment',
      label: starts.label,
      provisional: false,
      entry: ref(latest),
      ...(recorded.length > 1 ? { corrected: true } : {}),
    };
  }
  // A fact: the clock starts at the entry from which the fact has held one of the values, if it still does.
  let since: RecordedEvent | undefined;
  for (const event of events) {
    const set = factValueSetBy(event, starts.fact);
    if (!set) continue;
    const triggers = starts.values.some((wanted) => same(wanted, set.value));
    if (triggers && !since) since = event;
    if (!triggers) since = undefined;
  }
  if (!since) return undefined;
  const value = factValueSetBy(since, starts.fact)?.value;
  return { at: since.occurredAt, cause: 'fact', label: `${starts.fact} recorded as ${JSON.stringify(value)}`, provisional: false, entry: ref(since) };
}

/** The first entry after a waiver that contradicts it, and why. */
function contradictionOf(clock: Clock, events: readonly RecordedEvent[], waiverSeq: number): { event: RecordedEvent; because: string } | undefined {
  const { starts } = clock;
  const reopensIf = clock.waivedBy?.reopensIf;
  for (const event of events) {
    if (event.seq <= waiverSeq) continue;
    if (starts.on === 'moment' && event.kind === 'awareness.recorded' && event.data.moment === starts.moment) {
      return { event, because: `${starts.label} (recorded after the waiver)` };
    }
    if (reopensIf) {
      const set = factValueSetBy(event, reopensIf.fact);
      if (set && reopensIf.values.some((wanted) => same(wanted, set.value))) {
        return { event, because: `${reopensIf.fact} ${event.kind === 'fact.corrected' ? 'corrected to' : 'recorded as'} ${JSON.stringify(set.value)}` };
      }
    }
  }
  return undefined;
}

function waitingFor(clock: Clock): string {
  const { starts } = clock;
  if (starts.on === 'fact') return `${starts.fact} to be recorded as ${starts.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  if (starts.on === 'moment') return starts.label;
  return "the incident's awareness";
}

/** Running clocks first, most urgent first; then the others. */
export function byUrgency(a: ClockState, b: ClockState): number {
  const rank = (state: ClockState) => ('remainingMs' in state ? 0 : state.status === 'not-started' ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if ('remainingMs' in a && 'remainingMs' in b) return a.remainingMs - b.remainingMs;
  return 0;
}

/** A clock whose verdict is different when back-dated entries are taken at the time they were recorded. */
export interface VerdictChange {
  clock: Clock;
  claimed: ClockState['status'];
  asRecorded: ClockState['status'];
  /** The back-dated entries the verdict rests on (the start and the report), oldest first. */
  entries: EntryRef[];
}

/**
 * The verdicts that rest on back-dated entries: every clock is worked out again with each entry taken at the time
 * it was recorded rather than the time it claims, and the clocks whose verdict then differs are listed with the
 * back-dated entries responsible. An investigator reads these first.
 */
export function verdictChanges(clocks: readonly Clock[], events: readonly RecordedEvent[], now: Date): VerdictChange[] {
  const claimed = clockStates(clocks, events, now);
  const asRecorded = clockStates(
    clocks,
    events.map((event, index) => (index === 0 ? event : { ...event, occurredAt: event.recordedAt })),
    now,
  );
  const changes: VerdictChange[] = [];
  claimed.forEach((state, index) => {
    const other = asRecorded[index] as ClockState;
    if (other.status === state.status) return;
    const entries = [startEntry(state), 'seq' in state ? ref(events[state.seq - 1] as RecordedEvent) : undefined].filter(
      (entry): entry is EntryRef => entry !== undefined && isBackdated({ occurredAt: entry.at, recordedAt: entry.recordedAt }),
    );
    if (entries.length > 0) changes.push({ clock: state.clock, claimed: state.status, asRecorded: other.status, entries });
  });
  return changes;
}

function startEntry(state: ClockState): EntryRef | undefined {
  return 'start' in state ? state.start.entry : undefined;
}
