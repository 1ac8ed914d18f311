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
      /**
       * A report was made before this clock started (an availability breach told on day 2, data confirmed taken on
       * day 21): it cannot meet this clock, and a follow-up with what is now known is owed (UK GDPR Art. 33(4)).
       */
      followUpOwed?: { seq: number; at: string; by: { name: string; role: string } };
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
 * (72 hours across a BST/GMT change is still 72 hours), and `now` is passed in. The record is read once, into an
 * index of the entries clocks care about, however many clocks there are.
 */
export function clockStates(clocks: readonly Clock[], events: readonly RecordedEvent[], now: Date): ClockState[] {
  const index = extendClockIndex(newClockIndex(clocks), events);
  return clocks.map((clock) => stateOf(clock, index.entries, now));
}

/** Where every clock of the index stands at `now`, from an index kept up to date with the record (see the fold). */
export function clockStatesOf(index: ClockIndex, clocks: readonly Clock[], now: Date): ClockState[] {
  return clocks.map((clock) => stateOf(clock, index.entries, now));
}

/** When a clock started (its start may be provisional), from an index kept up to date with the record; `undefined` if not yet. */
export function clockStartOf(index: ClockIndex, clock: Clock): ClockStart | undefined {
  return index.entries.awareAt ? startOf(clock, index.entries, index.entries.awareAt) : undefined;
}

/** The entries of a record that clocks read: decisions of their events, moments, reports, and their facts' values. */
interface RecordIndex {
  awareAt: string | undefined;
  decisions: Map<string, RecordedEvent[]>;
  moments: Map<string, RecordedEvent[]>;
  reports: Map<string, RecordedEvent[]>;
  /** Every entry that gave one of the clocks' facts a value, in record order. */
  factValues: Map<string, Array<{ event: RecordedEvent; value: unknown }>>;
}

/**
 * What a list of clocks reads of a record, kept with the incident's fold and extended with each entry appended (a
 * record is only ever appended to, and the hash chain makes "the same last hash at the same length" mean "the same
 * entries up to there"), so that a runner or an exercise that asks after every command reads each entry once.
 */
export interface ClockIndex {
  readonly clocks: readonly Clock[];
  /** Facts a decision establishes by being taken (a playbook's `sets`), by event: they start clocks as given data does. */
  readonly sets: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** How many entries of the record it has read, and the hash of the last. */
  length: number;
  lastHash: string;
  entries: RecordIndex;
}

export function newClockIndex(clocks: readonly Clock[], sets: ClockIndex['sets'] = {}): ClockIndex {
  return { clocks, sets, length: 0, lastHash: '', entries: emptyIndex(undefined) };
}

/**
 * The index brought up to the end of `events`, reading only the entries it has not read; started again if the
 * record is not the one it was made from (shorter, or another entry where it ended).
 */
export function extendClockIndex(index: ClockIndex, events: readonly RecordedEvent[]): ClockIndex {
  if (index.length > events.length || (index.length > 0 && events[index.length - 1]?.hash !== index.lastHash)) {
    index.length = 0;
    index.entries = emptyIndex(undefined);
  }
  if (index.length === 0) index.entries = emptyIndex(events[0]);
  extendIndex(index.entries, index.clocks, events, index.length, index.sets);
  index.length = events.length;
  index.lastHash = events.at(-1)?.hash ?? '';
  return index;
}

/** A record's clock index as plain JSON, for a checkpoint: what clocks read of its first `count` entries. */
export interface KeptClockIndex {
  count: number;
  lastHash: string;
  awareAt: string | undefined;
  decisions: Array<[string, RecordedEvent[]]>;
  moments: Array<[string, RecordedEvent[]]>;
  reports: Array<[string, RecordedEvent[]]>;
  factValues: Array<[string, Array<{ event: RecordedEvent; value: unknown }>]>;
}

/** The index (brought up to the end of `events`), to keep in a checkpoint. */
export function keepClockIndex(index: ClockIndex, events: readonly RecordedEvent[]): KeptClockIndex {
  const { entries } = extendClockIndex(index, events);
  return {
    count: events.length,
    lastHash: events.at(-1)?.hash ?? '',
    awareAt: entries.awareAt,
    decisions: [...entries.decisions],
    moments: [...entries.moments],
    reports: [...entries.reports],
    factValues: [...entries.factValues],
  };
}

/**
 * An index started from one kept in a checkpoint, if the record still has the same entry where the kept index
 * ends (the entries before it are then not read again: a long record's prefix need not even be parsed); a new,
 * empty one otherwise.
 */
export function resumeClockIndex(clocks: readonly Clock[], events: readonly RecordedEvent[], kept: KeptClockIndex, sets: ClockIndex['sets'] = {}): ClockIndex {
  if (kept.count < 1 || events[kept.count - 1]?.hash !== kept.lastHash) return newClockIndex(clocks, sets);
  return {
    clocks,
    sets,
    length: kept.count,
    lastHash: kept.lastHash,
    entries: {
      awareAt: kept.awareAt,
      decisions: new Map(kept.decisions),
      moments: new Map(kept.moments),
      reports: new Map(kept.reports),
      factValues: new Map(kept.factValues),
    },
  };
}

function emptyIndex(opened: RecordedEvent | undefined): RecordIndex {
  return {
    awareAt: opened?.kind === 'incident.opened' ? opened.data.awareAt : undefined,
    decisions: new Map(),
    moments: new Map(),
    reports: new Map(),
    factValues: new Map(),
  };
}

function extendIndex(index: RecordIndex, clocks: readonly Clock[], events: readonly RecordedEvent[], from: number, sets: ClockIndex['sets'] = {}): void {
  const { eventTypes, facts } = interestsOf(clocks);
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (let i = from; i < events.length; i += 1) {
    const event = events[i] as RecordedEvent;
    if (event.kind === 'decision') {
      if (eventTypes.has(event.data.event)) push(index.decisions, event.data.event, event);
      const set = sets[event.data.event];
      const payload = set ? { ...set, ...event.data.payload } : event.data.payload;
      if (payload) for (const fact of facts) if (fact in payload) push(index.factValues, fact, { event, value: payload[fact] });
    } else if (event.kind === 'fact.corrected') {
      if (facts.has(event.data.fact)) push(index.factValues, event.data.fact, { event, value: event.data.value });
    } else if (event.kind === 'awareness.recorded') {
      push(index.moments, event.data.moment, event);
    } else if (event.kind === 'notification.reported') {
      push(index.reports, event.data.clock, event);
    } else if (event.kind === 'notice.received' && event.data.sets) {
      // A notice from another organisation's incident may set facts here (the supplier says data was taken).
      for (const fact of facts) if (fact in event.data.sets) push(index.factValues, fact, { event, value: event.data.sets[fact] });
    }
  }
}

/** The decisions and facts a list of clocks reads. */
function interestsOf(clocks: readonly Clock[]): { eventTypes: Set<string>; facts: Set<string> } {
  const eventTypes = new Set<string>();
  const facts = new Set<string>();
  for (const clock of clocks) {
    eventTypes.add(clock.stops.event);
    if (clock.waivedBy) eventTypes.add(clock.waivedBy.event);
    if (clock.starts.on === 'fact') facts.add(clock.starts.fact);
    if (clock.waivedBy?.reopensIf) facts.add(clock.waivedBy.reopensIf.fact);
  }
  return { eventTypes, facts };
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

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function stateOf(clock: Clock, index: RecordIndex, now: Date): ClockState {
  const { awareAt } = index;
  if (!awareAt) return { status: 'not-started', clock, waitingFor: 'the incident to be opened' };

  let start = startOf(clock, index, awareAt);
  const waiverEvent = clock.waivedBy ? index.decisions.get(clock.waivedBy.event)?.[0] : undefined;
  let reopened: Reopened | undefined;
  if (waiverEvent?.kind === 'decision') {
    const reasonField = clock.waivedBy?.reason;
    const reason = reasonField ? waiverEvent.data.payload?.[reasonField] : undefined;
    const waiver = { ...ref(waiverEvent), ...(reason === undefined ? {} : { reason: String(reason) }) };
    const contradiction = contradictionOf(clock, index, waiverEvent.seq);
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
  const reports = index.reports.get(clock.id) ?? [];
  // A report made before the clock's own start (not its provisional one) cannot meet it: one made at or after the
  // start does, and after such an early report, so does a follow-up made at or after the start.
  const beforeStart = (event: RecordedEvent) => !start.provisional && Date.parse(event.occurredAt) < Date.parse(start.at);
  const candidates = [...(index.decisions.get(clock.stops.event) ?? []).filter((e) => e.seq > after), ...reports.filter((e) => e.seq > after && isFirstReport(e))].sort(
    (a, b) => a.seq - b.seq,
  );
  const early = candidates.find(beforeStart);
  const stop = candidates.find((e) => !beforeStart(e)) ?? (early ? reports.find((e) => e.seq > early.seq && !isFirstReport(e) && !beforeStart(e)) : undefined);
  if (stop) {
    const late = Date.parse(stop.occurredAt) > Date.parse(dueAt);
    const value = clock.stops.reference && stop.kind === 'decision' ? stop.data.payload?.[clock.stops.reference] : undefined;
    const reference = stop.kind === 'notification.reported' ? stop.data.reference : value === undefined ? undefined : String(value);
    const followUps = reports
      .filter((e) => e.seq > stop.seq && !isFirstReport(e))
      .map((e) => ({ ...ref(e), ...(e.kind === 'notification.reported' && e.data.reference ? { reference: e.data.reference } : {}) }));
    return {
      status: late ? 'met-late' : 'met',
      clock,
      start,
      dueAt,
      ...ref(stop),
      ...(reference === undefined ? {} : { reference }),
      // The reasons for the delay have their own field; records made before it existed hold them in the note.
      ...(late && (lateReasonsOf(stop) ?? stop.note) ? { reason: (lateReasonsOf(stop) ?? stop.note) as string } : {}),
      recordedAfterDeadline: !late && Date.parse(stop.recordedAt) > Date.parse(dueAt),
      followUps,
      ...(reopened ? { reopened } : {}),
    };
  }
  const owed = early ? { followUpOwed: { seq: early.seq, at: early.occurredAt, by: early.actor } } : {};
  return { ...timing(clock, dueAt, now), clock, start, dueAt, ...(reopened ? { reopened } : {}), ...owed };
}

/** How long before its deadline a running clock is "due soon". */
export function dueSoonMsOf(clock: Clock): number {
  return (clock.dueSoonHours ?? clockHours(clock) / 4) * HOUR;
}

/** How a running clock stands at `now`: the time left, and whether that is plenty, little, or none. */
function timing(clock: Clock, dueAt: string, now: Date): { status: 'running' | 'due-soon' | 'overdue'; remainingMs: number } {
  const remainingMs = Date.parse(dueAt) - now.getTime();
  const dueSoonMs = dueSoonMsOf(clock);
  return { status: remainingMs < 0 ? 'overdue' : remainingMs <= dueSoonMs ? 'due-soon' : 'running', remainingMs };
}

/**
 * A clock's state worked out earlier, as it stands at `now`, for a record that has not changed since: a running
 * clock's time left and status move with time; every other state is settled by the record alone.
 */
export function clockStateAt(state: ClockState, now: Date): ClockState {
  if (!('remainingMs' in state)) return state;
  return { ...state, ...timing(state.clock, state.dueAt, now) };
}

function dueOf(clock: Clock, startAt: string): string {
  return new Date(Date.parse(startAt) + clockHours(clock) * HOUR).toISOString();
}

function isFirstReport(event: RecordedEvent): boolean {
  return event.kind === 'notification.reported' && !event.data.followUp;
}

function startOf(clock: Clock, index: RecordIndex, awareAt: string): ClockStart | undefined {
  const { starts } = clock;
  if (starts.on === 'awareness') return { at: awareAt, cause: 'incident-awareness', label: "the incident's awareness", provisional: false };
  if (starts.on === 'moment') {
    const recorded = index.moments.get(starts.moment) ?? [];
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
  let since: { event: RecordedEvent; value: unknown } | undefined;
  for (const set of index.factValues.get(starts.fact) ?? []) {
    const triggers = starts.values.some((wanted) => same(wanted, set.value));
    if (triggers && !since) since = set;
    if (!triggers) since = undefined;
  }
  if (!since) return undefined;
  return {
    at: since.event.occurredAt,
    cause: 'fact',
    label: `${starts.fact} recorded as ${JSON.stringify(since.value)}`,
    provisional: false,
    entry: ref(since.event),
  };
}

/** The first entry after a waiver that contradicts it, and why. */
function contradictionOf(clock: Clock, index: RecordIndex, waiverSeq: number): { event: RecordedEvent; because: string } | undefined {
  const { starts } = clock;
  const candidates: Array<{ event: RecordedEvent; because: string }> = [];
  if (starts.on === 'moment') {
    const moment = index.moments.get(starts.moment)?.find((e) => e.seq > waiverSeq);
    if (moment) candidates.push({ event: moment, because: `${starts.label} (recorded after the waiver)` });
  }
  const reopensIf = clock.waivedBy?.reopensIf;
  if (reopensIf) {
    const set = index.factValues.get(reopensIf.fact)?.find((s) => s.event.seq > waiverSeq && reopensIf.values.some((wanted) => same(wanted, s.value)));
    if (set) {
      const how = set.event.kind === 'fact.corrected' ? 'corrected to' : 'recorded as';
      candidates.push({ event: set.event, because: `${reopensIf.fact} ${how} ${JSON.stringify(set.value)}` });
    }
  }
  return candidates.sort((a, b) => a.event.seq - b.event.seq)[0];
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
export function verdictChanges(clocks: readonly Clock[], events: readonly RecordedEvent[], now: Date, kept?: ClockIndex): VerdictChange[] {
  // An index kept up to date with this record (the fold's) saves reading the record again.
  const index = (kept && kept.length === events.length ? kept : extendClockIndex(newClockIndex(clocks), events)).entries;
  const claimed = clocks.map((clock) => stateOf(clock, index, now));
  // The same entries as if each had happened when it was recorded: only the entries clocks read are restamped.
  const restamp = (event: RecordedEvent): RecordedEvent => (event.seq === 1 ? event : { ...event, occurredAt: event.recordedAt });
  const restampAll = (map: Map<string, RecordedEvent[]>) => new Map([...map].map(([key, list]) => [key, list.map(restamp)]));
  const asRecordedIndex: RecordIndex = {
    awareAt: index.awareAt,
    decisions: restampAll(index.decisions),
    moments: restampAll(index.moments),
    reports: restampAll(index.reports),
    factValues: new Map([...index.factValues].map(([fact, list]) => [fact, list.map(({ event, value }) => ({ event: restamp(event), value }))])),
  };
  const asRecorded = clocks.map((clock) => stateOf(clock, asRecordedIndex, now));
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

/** The reasons for the delay an entry that stops a clock gives in their own field. */
function lateReasonsOf(event: RecordedEvent): string | undefined {
  return event.kind === 'decision' || event.kind === 'notification.reported' ? event.data.lateReasons : undefined;
}
