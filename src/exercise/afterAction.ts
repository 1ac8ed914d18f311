import { describeSettings } from '../playbook/incidentSettings.ts';
import { decisionInWords, decisionLog, type DecisionInWords } from '../engine/decisionLog.ts';
import { playbookWords, type PlaybookWords } from '../playbook/playbookWords.ts';
import { inWords } from '../record/inWords.ts';
import { formatSpan } from '../time/duration.ts';
import { type ClockState, verdictChanges } from '../clocks/clockStatus.ts';
import { shortName } from '../clocks/clockSpec.ts';
import { entryDelayMs, isBackdated } from '../record/backdating.ts';
import { headOf, type RecordHead } from '../record/seal.ts';
import { recordEnd } from '../record/recordEnd.ts';
import type { RegisterStatus } from '../engine/registerStatus.ts';
import { describeExchange } from '../engine/exchangeWords.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import { durationMs } from '../input/parseTime.ts';
import type { Expectation, Scenario } from './scenario.ts';

/** `not-reached`: it fell due after the exercise stopped, and had not been done: not scored. */
export type ExpectationStatus = 'met' | 'late' | 'missed' | 'not-reached';

export interface ExpectationResult {
  id: string;
  description: string;
  /** `decision DECLARE` or `notification ico-art33`. */
  target: string;
  weight: number;
  deadline: string;
  status: ExpectationStatus;
  at?: string;
  lateByMs?: number;
  points: number;
  /**
   * For an expectation of a notification whose deadline is not its clock's own (a scenario allowing 2 hours for a
   * clock with a 1-hour target): the clock's deadline and verdict, so that a report never shows an expectation "met"
   * beside its clock "met LATE" without saying why.
   */
  clock?: { dueAt: string; verdict: 'met' | 'met-late' | 'waived' | 'running' | 'due-soon' | 'overdue' };
}

export interface TimelineEntry {
  at: string;
  seq: number;
  kind: 'inject' | 'decision' | 'tick' | 'note' | 'timer' | 'role' | 'opened' | 'clock';
  text: string;
  actor: Actor;
  /** Set when the entry was recorded noticeably later than the time it claims. */
  recordedAt?: string;
}

/** An entry made after the fact: when it claims to have happened, when it was recorded, and why so late. */
export interface BackdatedEntry {
  seq: number;
  text: string;
  at: string;
  recordedAt: string;
  delayMs: number;
  by: Actor;
  reason?: string;
}

export interface AfterActionReport {
  incident: string;
  /** The record this report was made from: its event count and the hash of its last event. */
  head: RecordHead;
  title: string;
  exercise: boolean;
  scenario?: { id: string; title: string; file: string; changed: boolean };
  playbook: { id: string; version: string };
  /** The playbook's settings the incident was opened with, in words ("Nation: Scotland"). */
  settings: string[];
  startAt: string;
  awareAt: string;
  endAt: string;
  /**
   * Set when an exercise's record ends before its scenario does: it stopped at its last recorded moment. What fell
   * due after that and was not done is not scored; it is listed as not reached.
   */
  stoppedEarly?: { at: string; scenarioEndsAt: string };
  expectations: ExpectationResult[];
  /** One screen for a Board: what went well, what was late, what was missed, what was not reached, in sentences. */
  summary: Array<{ tone: 'well' | 'late' | 'missed' | 'not-reached'; text: string }>;
  /**
   * Clocks missed or met late that the scenario does not score, kept out of the score's summary (which says only
   * what the score counts) and listed beside it; empty without a scenario, where the summary holds them.
   */
  unscored: Array<{ tone: 'late' | 'missed'; text: string }>;
  /** Clocks the playbook deliberately does not run, each with why. */
  clocksNotRun: Array<{ clock: string; why: string }>;
  /** Lessons learned and actions, recorded during the exercise or added afterwards (`irp note --lesson/--action`). */
  lessons: Array<{ at: string; by: Actor; text: string }>;
  actions: Array<{ at: string; by: Actor; text: string; owner?: string; due?: string }>;
  clocks: Array<{
    id: string;
    label: string;
    /** A short name for narrow places (the timeline), when the playbook gives one. */
    short?: string;
    law: string;
    recipient: string;
    status: ClockState['status'];
    dueAt?: string;
    at?: string;
    by?: Actor;
    /** When the clock started and what started it. */
    start?: { at: string; cause: string; label: string; provisional: boolean };
    /** When the stopping entry was recorded, and whether that was after the deadline it claims to have met. */
    recordedAt?: string;
    recordedAfterDeadline?: boolean;
    reopened?: string;
  }>;
  /** Clocks whose verdict rests on back-dated entries: another verdict if each entry is taken when it was recorded. */
  backdatedVerdicts: Array<{ clock: string; label: string; claimed: ClockState['status']; asRecorded: ClockState['status']; entries: number[] }>;
  /** Every entry recorded after the fact (irp's own timers aside), oldest first. */
  backdated: BackdatedEntry[];
  /**
   * Time from awareness to each milestone and to each notification. A notification decided not to be needed (its
   * clock waived) has no time: `waivedAt` says when that was decided.
   */
  timeTo: Array<{ label: string; at?: string; afterAwarenessMs?: number; waivedAt?: string }>;
  timeline: TimelineEntry[];
  /** Every decision with what was known when it was taken, the options offered and the rationale. */
  decisions: DecisionInWords[];
  notes: Array<{ at: string; by: Actor; text: string }>;
  /** Every notice recorded as sent: when, by whom, to whom, how, for which clock, and the SHA-256 of its text. */
  sent: Array<{ seq: number; at: string; by: Actor; clock: string; to: string; via: string; sha256: string; followUp: boolean }>;
  score: { points: number; possible: number; percent: number | null };
  /** The register at the end: each organisation's duties, for a supplier's incident. */
  organisations?: {
    duties: Array<{ id: string; short: string; label: string; owed: number; done: number; notNeeded: number; late: number; overdue: number }>;
    rows: Array<{
      id: string;
      name: string;
      nation: string;
      members?: number;
      invented?: boolean;
      sent: number;
      acknowledged: number;
      /** By duty id: owed (1, or one per product), done, late, overdue, and when the last was done. */
      cells: Record<string, { owed: number; done: number; notNeeded: number; late: number; overdue: number; at?: string | undefined }>;
    }>;
  };
}

/** How an expectation scores: on time, its full weight; late, half; missed, nothing. */
export const LATE_CREDIT = 0.5;

/**
 * The after-action report of an incident: expectations scored against the record, regulatory clocks met or
 * missed, times to the playbook's milestones and to each notification, the timeline with injects interleaved,
 * the notes, and a summary score. Pure: a function of the record, the playbook, the clocks and the scenario.
 */
export function afterAction(input: {
  playbook: LoadedPlaybook;
  events: readonly RecordedEvent[];
  clocks: readonly ClockState[];
  scenario?: Scenario | undefined;
  scenarioChanged?: boolean;
  /** The register at the end, for a playbook that keeps one. */
  register?: RegisterStatus | undefined;
}): AfterActionReport {
  const { playbook, events, clocks, scenario } = input;
  const opened = events[0];
  if (opened?.kind !== 'incident.opened') throw new Error('a record starts by opening the incident');
  const awareAt = opened.data.awareAt;
  const startAt = opened.data.scenario?.startAt ?? awareAt;
  const lastAt = recordEnd(events, { from: Date.parse(startAt) });
  const stoppedAt = scenario && lastAt < scenario.endsAt.getTime() ? lastAt : undefined;
  const endAt = new Date(stoppedAt ?? Math.max(lastAt, scenario?.endsAt.getTime() ?? 0)).toISOString();
  const words = playbookWords(playbook);

  const expectations = (scenario?.expectations ?? []).map((expectation) => score(expectation, scenario as Scenario, events, clocks, words, stoppedAt));
  const scored = expectations.filter((e) => e.status !== 'not-reached');
  const possible = scored.reduce((sum, e) => sum + e.weight, 0);
  const points = scored.reduce((sum, e) => sum + e.points, 0);

  const firstDecision = (types: readonly string[]) =>
    events.find((event) => event.kind === 'decision' && types.includes(event.data.event))?.occurredAt;
  const since = (at: string | undefined) => (at === undefined ? {} : { at, afterAwarenessMs: Date.parse(at) - Date.parse(awareAt) });
  const timeTo = [
    ...Object.entries(playbook.milestones).map(([label, types]) => ({ label, ...since(firstDecision(types)) })),
    ...clocks
      .filter((state) => state.status !== 'not-started')
      .map((state) => ({
        // The clock's own short name ("ICO (NIS reg. 12)"): a duty not required must not read as the recipient
        // not needed at all beside a voluntary report to the same body.
        label: `Notify: ${shortName(state.clock)}`,
        ...(state.status === 'waived' ? { waivedAt: state.at } : since('at' in state ? state.at : undefined)),
      })),
  ];

  return {
    incident: opened.incident,
    head: headOf(events),
    title: opened.data.title,
    exercise: opened.data.exercise === true,
    ...(opened.data.scenario
      ? { scenario: { id: opened.data.scenario.id, title: opened.data.scenario.title, file: opened.data.scenario.file, changed: input.scenarioChanged === true } }
      : {}),
    playbook: { id: opened.data.playbook.id, version: opened.data.playbook.version },
    settings: describeSettings(playbook.settings, playbook.chosen).map((s) => `${s.question} ${s.label}`),
    startAt,
    awareAt,
    endAt,
    ...(stoppedAt !== undefined && scenario ? { stoppedEarly: { at: new Date(stoppedAt).toISOString(), scenarioEndsAt: scenario.endsAt.toISOString() } } : {}),
    expectations,
    ...summaryOf(expectations, clocks, Date.parse(startAt)),
    clocksNotRun: Object.entries(playbook.clocksNotRun).map(([clock, why]) => ({ clock, why })),
    lessons: events.flatMap((event) => (event.kind === 'note' && event.data.about === 'lesson' ? [{ at: event.occurredAt, by: event.actor, text: event.data.text }] : [])),
    actions: events.flatMap((event) =>
      event.kind === 'note' && event.data.about === 'action'
        ? [{ at: event.occurredAt, by: event.actor, text: event.data.text, ...(event.data.owner ? { owner: event.data.owner } : {}), ...(event.data.due ? { due: event.data.due } : {}) }]
        : [],
    ),
    clocks: clocks.map((state) => ({
      id: state.clock.id,
      label: state.clock.label,
      ...(state.clock.short ? { short: state.clock.short } : {}),
      law: state.clock.source.law,
      recipient: state.clock.recipient,
      status: state.status,
      ...('dueAt' in state ? { dueAt: state.dueAt } : {}),
      ...('at' in state ? { at: state.at, by: state.by, recordedAt: state.recordedAt, recordedAfterDeadline: state.recordedAfterDeadline } : {}),
      ...('start' in state
        ? { start: { at: state.start.at, cause: state.start.cause, label: state.start.label, provisional: state.start.provisional } }
        : {}),
      ...('reopened' in state && state.reopened ? { reopened: state.reopened.because } : {}),
    })),
    backdatedVerdicts: verdictChanges(playbook.clocks, events, new Date(endAt)).map((change) => ({
      clock: change.clock.id,
      label: change.clock.label,
      claimed: change.claimed,
      asRecorded: change.asRecorded,
      entries: change.entries.map((entry) => entry.seq),
    })),
    backdated: timeline(events, words)
      .filter((entry) => entry.recordedAt !== undefined && entry.kind !== 'timer')
      .map((entry) => {
        const event = events[entry.seq - 1] as RecordedEvent;
        return {
          seq: entry.seq,
          text: entry.text,
          at: entry.at,
          recordedAt: event.recordedAt,
          delayMs: entryDelayMs(event),
          by: entry.actor,
          ...(event.backdateReason ? { reason: event.backdateReason } : {}),
        };
      })
      .sort((a, b) => a.seq - b.seq),
    timeTo,
    timeline: timeline(events, words),
    decisions: decisionLog(playbook, events).map((entry) => decisionInWords(entry, playbook)),
    notes: events.flatMap((event) => (event.kind === 'note' && event.data.about === undefined ? [{ at: event.occurredAt, by: event.actor, text: event.data.text }] : [])),
    sent: events.flatMap((event) =>
      event.kind === 'notification.sent'
        ? [{ seq: event.seq, at: event.occurredAt, by: event.actor, clock: words.clock(event.data.clock), to: event.data.to, via: event.data.via, sha256: event.data.sha256, followUp: event.data.followUp === true }]
        : [],
    ),
    score: { points, possible, percent: possible === 0 ? null : Math.round((points / possible) * 1000) / 10 },
    ...(input.register ? { organisations: organisationsTable(input.register) } : {}),
  };
}

/** One row per organisation of the register, one cell per duty: when it was done, or where it stands. */
function organisationsTable(register: RegisterStatus): NonNullable<AfterActionReport['organisations']> {
  return {
    duties: register.duties.map((count) => ({ id: count.duty, short: count.short, label: count.label, owed: count.owed, done: count.done, notNeeded: count.notNeeded, late: count.late, overdue: count.overdue })),
    rows: register.organisations.map((status) => ({
      id: status.organisation.id,
      name: status.organisation.name,
      nation: status.organisation.nation,
      ...(status.organisation.members ? { members: status.organisation.members } : {}),
      ...(status.organisation.invented ? { invented: true } : {}),
      acknowledged: status.notices.acknowledged,
      sent: status.notices.sent,
      cells: Object.fromEntries(
        register.duties.map((count) => {
          const states = status.duties.filter((state) => state.duty.id === count.duty);
          const done = states.filter((state) => state.status === 'done' || state.status === 'done-late' || state.status === 'not-needed');
          return [
            count.duty,
            {
              owed: states.length,
              done: done.length,
              notNeeded: states.filter((state) => state.status === 'not-needed').length,
              late: states.filter((state) => state.status === 'done-late').length,
              overdue: states.filter((state) => state.status === 'overdue').length,
              ...(done.length > 0 ? { at: done.map((state) => ('done' in state ? state.done.at : '')).sort().at(-1) } : {}),
            },
          ];
        }),
      ),
    })),
  };
}

function score(
  expectation: Expectation,
  scenario: Scenario,
  events: readonly RecordedEvent[],
  clocks: readonly ClockState[],
  words: PlaybookWords,
  stoppedAt: number | undefined,
): ExpectationResult {
  const deadline = deadlineOf(expectation, scenario, events);
  let at: string | undefined;
  let target: string;
  if (expectation.decision !== undefined) {
    const type = expectation.decision;
    target = `decision ${type}`;
    at = events.find((event) => event.kind === 'decision' && event.data.event === type)?.occurredAt;
  } else if (expectation.duty !== undefined) {
    const { id, count } = expectation.duty;
    target = `duty ${id} × ${count}`;
    // When the count-th organisation (or product) had it done, by the times claimed.
    const done = events.flatMap((event) => (event.kind === 'organisation.duty' && event.data.duty === id && !event.data.notNeeded ? [event.occurredAt] : [])).sort();
    at = done[count - 1];
  } else {
    const id = expectation.notification as string;
    target = `notification ${id}`;
    const state = clocks.find((s) => s.clock.id === id);
    at = state && (state.status === 'met' || state.status === 'met-late') ? state.at : undefined;
  }
  const description =
    expectation.description ??
    (expectation.decision
      ? words.decision(expectation.decision)
      : expectation.duty
        ? `${words.duty(expectation.duty.id)}: ${expectation.duty.count === 1 ? 'the first organisation' : `${expectation.duty.count} organisations`}`
        : words.clock(expectation.notification as string));
  if (at === undefined) {
    const notReached = stoppedAt !== undefined && Date.parse(deadline) > stoppedAt;
    return { id: expectation.id, description, target, weight: expectation.weight, deadline, status: notReached ? 'not-reached' : 'missed', points: 0 };
  }
  const lateByMs = Date.parse(at) - Date.parse(deadline);
  const result: ExpectationResult =
    lateByMs <= 0
      ? { id: expectation.id, description, target, weight: expectation.weight, deadline, status: 'met', at, points: expectation.weight }
      : { id: expectation.id, description, target, weight: expectation.weight, deadline, status: 'late', at, lateByMs, points: expectation.weight * LATE_CREDIT };
  const state = expectation.notification === undefined ? undefined : clocks.find((s) => s.clock.id === expectation.notification);
  return state && state.status !== 'not-started' && state.dueAt !== deadline ? { ...result, clock: { dueAt: state.dueAt, verdict: state.status } } : result;
}

/** `by` counts from the scenario start; `within` from when the inject was actually delivered (or was due). */
function deadlineOf(expectation: Expectation, scenario: Scenario, events: readonly RecordedEvent[]): string {
  if (expectation.by !== undefined) return new Date(scenario.startAt.getTime() + durationMs(expectation.by)).toISOString();
  const within = expectation.within as { after: string; duration: string };
  const delivered = events.find((event) => event.kind === 'exercise.inject' && event.data.id === within.after)?.occurredAt;
  const scheduled = scenario.injects.find((inject) => inject.id === within.after);
  const from = delivered ? Date.parse(delivered) : scenario.startAt.getTime() + (scheduled?.offsetMs ?? 0);
  return new Date(from + durationMs(within.duration)).toISOString();
}

function timeline(events: readonly RecordedEvent[], words: PlaybookWords): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const base = { at: event.occurredAt, seq: event.seq, actor: event.actor, ...(isBackdated(event) ? { recordedAt: event.recordedAt } : {}) };
    switch (event.kind) {
      case 'incident.opened':
        entries.push({ ...base, kind: 'opened', text: `Incident opened: ${event.data.title}` });
        break;
      case 'exercise.inject':
        entries.push({ ...base, kind: 'inject', text: `${event.data.title} (from ${event.data.from})${event.data.manual ? ', fired by hand' : ''}` });
        break;
      case 'decision':
        entries.push({ ...base, kind: 'decision', text: `${words.decision(event.data.event)}${payloadWords(event.data.event, event.data.payload, words)}${[event.data.rationale, event.data.lateReasons, event.note].filter(Boolean).map((text) => ` — ${text}`).join('')}` });
        break;
      case 'checklist.ticked':
        entries.push({ ...base, kind: 'tick', text: `Ticked in "${words.step(event.data.step)}": ${event.data.items.map((item) => words.item(event.data.step, item)).join('; ')}` });
        break;
      case 'note':
        entries.push({ ...base, kind: 'note', text: `${event.data.about === 'lesson' ? 'Lesson: ' : event.data.about === 'action' ? 'Action: ' : ''}${event.data.text}` });
        break;
      case 'timer.fired':
        entries.push({ ...base, kind: 'timer', text: event.data.label });
        break;
      case 'role.assigned':
        entries.push({ ...base, kind: 'role', text: `${event.data.name} holds the role ${words.role(event.data.role)}` });
        break;
      case 'command.handed-over':
        entries.push({ ...base, kind: 'role', text: `Command handed to ${event.data.to.name}` });
        break;
      case 'step.assigned':
        entries.push({ ...base, kind: 'role', text: `"${words.step(event.data.step)}" assigned to ${event.data.assignee.name}` });
        break;
      case 'exercise.clock':
        entries.push({ ...base, kind: 'clock', text: `Exercise clock: ${event.data.action}` });
        break;
      case 'fact.corrected':
        entries.push({ ...base, kind: 'note', text: `Corrected ${words.field(undefined, event.data.fact)}: ${inWords(event.data.previous)} → ${inWords(event.data.value)} (${event.data.reason})` });
        break;
      case 'awareness.recorded':
        entries.push({ ...base, kind: 'decision', text: `${event.data.label}${event.data.reason ? ` (corrected: ${event.data.reason})` : ''}` });
        break;
      case 'notification.sent':
        entries.push({ ...base, kind: 'note', text: `Notice sent to ${event.data.to} (${words.clock(event.data.clock)}) by ${event.data.via}; its text is kept in the record (SHA-256 ${event.data.sha256.slice(0, 16)}…)` });
        break;
      case 'notification.reported':
        entries.push({ ...base, kind: 'decision', text: `${event.data.followUp ? 'Follow-up report' : 'Report'}: ${words.clock(event.data.clock)}${event.data.reference ? `, ref ${event.data.reference}` : ''}` });
        break;
      case 'organisation.duty':
      case 'notice.received':
      case 'acknowledgement.received':
        entries.push({ ...base, kind: 'decision', text: describeExchange(event, words) });
        break;
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
}

/** A decision's data in words, for the timeline: ` (Backup set checked: 31 July; Verified clean: yes)`. */
function payloadWords(event: string, payload: Record<string, unknown> | undefined, words: PlaybookWords): string {
  const parts = Object.entries(payload ?? {}).map(([field, value]) => `${words.field(event, field)}: ${inWords(value)}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * The report's first screen, in sentences: what was done on time, what was late and by how much, what was missed,
 * and what the exercise did not reach; the regulatory clocks missed or met late are named with their law.
 */
function summaryOf(expectations: readonly ExpectationResult[], clocks: readonly ClockState[], start: number): Pick<AfterActionReport, 'summary' | 'unscored'> {
  const plus = (iso: string) => `+${formatSpan(Date.parse(iso) - start)}`;
  const summary: AfterActionReport['summary'] = [];
  const unscored: AfterActionReport['unscored'] = [];
  // With a score, the summary says what the score counts; a clock the scenario does not score is said beside it.
  const clockItems = expectations.length > 0 ? unscored : summary;
  for (const e of expectations) {
    if (e.status === 'met') summary.push({ tone: 'well', text: `${e.description}: done at ${plus(e.at as string)}, within ${plus(e.deadline)}.` });
    if (e.status === 'late') summary.push({ tone: 'late', text: `${e.description}: done at ${plus(e.at as string)}, ${formatSpan(e.lateByMs ?? 0)} after ${plus(e.deadline)}.` });
    if (e.status === 'missed') summary.push({ tone: 'missed', text: `${e.description}: not done by ${plus(e.deadline)}, nor at all.` });
    if (e.status === 'not-reached') summary.push({ tone: 'not-reached', text: `${e.description}: due at ${plus(e.deadline)}, after the exercise stopped.` });
  }
  const scoredClocks = new Set(expectations.map((e) => e.target));
  for (const state of clocks) {
    if (scoredClocks.has(`notification ${state.clock.id}`)) continue; // already said, as an expectation
    if (state.status === 'overdue' && 'hours' in state.clock.runs) {
      clockItems.push({ tone: 'missed', text: `${state.clock.label} (${state.clock.source.law}): not made by its deadline, ${plus(state.dueAt)}.` });
    }
    if (state.status === 'met-late') clockItems.push({ tone: 'late', text: `${state.clock.label} (${state.clock.source.law}): made at ${plus(state.at)}, after its deadline ${plus(state.dueAt)}.` });
  }
  const order = { missed: 0, late: 1, 'not-reached': 2, well: 3 };
  return { summary: summary.sort((a, b) => order[a.tone] - order[b.tone]), unscored: unscored.sort((a, b) => order[a.tone] - order[b.tone]) };
}
