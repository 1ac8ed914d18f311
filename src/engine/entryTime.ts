import { getNextTransitions } from 'xstate';
import { machineStep } from './machineStep.ts';
import { UserError, type Problem } from '../errors.ts';
import { backdateMarginMs } from '../record/backdating.ts';
import { FACILITATOR_ACTOR, SYSTEM_ACTOR, type NewEvent } from '../record/recordedEvent.ts';
import { formatLondon } from '../time/london.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { StepEntry } from './incidentView.ts';
import { activeStepPaths } from './statePaths.ts';
import { FUTURE_TOLERANCE_MS } from '../time/clock.ts';

export { FUTURE_TOLERANCE_MS } from '../time/clock.ts';

/**
 * The rules for the time an entry claims, the same for every driver (CLI, runner, answers files, exercises, the
 * library API). An entry:
 * - may not be dated after the moment it is recorded (beyond a minute's tolerance);
 * - may not be dated before the incident's awareness, nor before the step it acts on became active (which also
 *   refuses an answer dated before a timer already recorded that moved the step on);
 * - may not correct a fact with a time before the fact was recorded;
 * - needs a reason, kept in the record, when it is dated more than the incident's margin before it is recorded
 *   (for an entry re-applied from an offline copy, before it was recorded there).
 *
 * Timers and the exercise facilitator's entries are stamped by irp itself and are not checked.
 */
export function refuseUntimely(fold: IncidentFold, events: readonly NewEvent[], recordedAt: Date): void {
  for (const event of events) {
    const problem = entryTimeProblem(fold, event, recordedAt);
    if (problem) throw new UserError(problem);
  }
}

/**
 * What is wrong with the time an entry claims, or `undefined` when the rules allow it: the question a driver asks
 * before a person types anything else ("can this be dated 22:50?"), and the check every write makes. With
 * `preview`, a decision whose data is not known yet is checked against the steps it is taken from only (what it
 * would move the machine to depends on the data); the write checks it again in full.
 */
export function entryTimeProblem(fold: IncidentFold, event: NewEvent, recordedAt: Date, options: { preview?: boolean } = {}): Problem | undefined {
  if (event.actor.role === SYSTEM_ACTOR.role || event.actor.role === FACILITATOR_ACTOR.role) return undefined;
  const awareAt = Date.parse(fold.opened.data.awareAt);
  const margin = backdateMarginMs(fold.events);
  const at = Date.parse(event.occurredAt);
  const when = event.occurredAt;
  // Worded only when something is wrong: most entries are allowed.
  const what = (): string => describeEntry(fold, event);
  if (at > recordedAt.getTime() + FUTURE_TOLERANCE_MS) {
    return { code: 'dated-in-future', what: what(), at: when, recordedAt: recordedAt.toISOString() };
  }
  if (at < awareAt) {
    return { code: 'dated-before-awareness', what: what(), at: when, incident: fold.opened.incident, awareAt: fold.opened.data.awareAt };
  }
  // An entry dated after every step became active and after every tick acts on nothing it could precede: the
  // usual case, which needs no look at what the entry would do to the machine.
  const precedesNothing = at >= latestOf(fold.enteredAt.values()) && at >= latestOf([...fold.ticks.values()].flatMap((items) => [...items.values()].map((tick) => tick.at)));
  const actedOn = precedesNothing ? [] : options.preview && event.kind === 'decision' ? sourcesOf(fold, event.data.event) : stepsActedOn(fold, event);
  for (const path of actedOn) {
    const entered = fold.enteredAt.get(path);
    if (entered === undefined || at >= Date.parse(entered)) continue;
    const title = fold.playbook.steps.get(path)?.title ?? path;
    return { code: 'dated-before-step', what: what(), at: when, step: title, enteredAt: entered, cause: causeOf(fold, fold.enteredBy.get(path)) };
  }
  if (event.kind === 'decision') {
    // A decision that leaves a step comes after everything ticked in it: the ticks are what allowed it.
    for (const path of actedOn) {
      for (const [item, tick] of fold.ticks.get(path) ?? []) {
        if (Date.parse(tick.at) <= at) continue;
        const step = fold.playbook.steps.get(path);
        const text = step?.checklist.find((entry) => entry.id === item)?.text ?? item;
        return { code: 'dated-before-tick', what: what(), at: when, item: text, step: step?.title ?? path, tickedAt: tick.at, seq: tick.seq };
      }
    }
  }
  if (event.kind === 'fact.corrected') {
    const setAt = fold.factSetAt.get(event.data.fact);
    if (setAt !== undefined && at < Date.parse(setAt)) {
      return { code: 'dated-before-fact', what: what(), at: when, fact: event.data.fact, setAt };
    }
  }
  // An entry re-applied from an offline copy was made when it was recorded there: its lateness is measured from then.
  const madeAt = event.fromOffline ? Date.parse(event.fromOffline.recordedAt) : recordedAt.getTime();
  const delay = madeAt - at;
  if (delay > margin && event.backdateReason === undefined) {
    return { code: 'late-entry-without-reason', what: what(), at: when, recordedAt: recordedAt.toISOString(), delayMs: delay, marginMs: margin };
  }
  return undefined;
}

/** The active steps a decision can be taken from. */
function sourcesOf(fold: IncidentFold, event: string): string[] {
  return [...new Set(getNextTransitions(fold.snapshot).filter((candidate) => candidate.eventType === event).map((candidate) => candidate.source.path.join('.')))];
}

function latestOf(instants: Iterable<string>): number {
  let latest = -Infinity;
  for (const instant of instants) latest = Math.max(latest, Date.parse(instant));
  return latest;
}

/**
 * The steps an entry acts on: the step a tick or an assignment names; for a decision, the steps it leaves and the
 * active step it is taken from (a decision that only records facts leaves none).
 */
function stepsActedOn(fold: IncidentFold, event: NewEvent): string[] {
  if (event.kind === 'checklist.ticked' || event.kind === 'step.assigned') return [event.data.step];
  if (event.kind !== 'decision') return [];
  const machineEvent = { type: event.data.event, ...event.data.payload };
  const before = activeStepPaths(fold.playbook, fold.snapshot);
  let after: Set<string>;
  try {
    after = new Set(activeStepPaths(fold.playbook, machineStep(fold.playbook.machine, fold.snapshot, machineEvent)[0]));
  } catch {
    return [];
  }
  const sources = new Set(sourcesOf(fold, event.data.event));
  return before.filter((path) => !after.has(path) || sources.has(path));
}

function causeOf(fold: IncidentFold, entry: StepEntry | undefined): string {
  if (!entry || entry.kind === 'opened') return '';
  if (entry.kind === 'timer') {
    return `, when the timer "${entry.label}" fell due${entry.seq === undefined ? '' : ` (entry #${entry.seq})`}. The record already has the playbook acting on that timer, so an entry dated before it cannot follow it: record what happened before ${formatLondon(new Date(entry.dueAt))} as a note`;
  }
  const label = playbookWords(fold.playbook).decision(entry.event);
  return `, when "${label}" was recorded (entry #${entry.seq})`;
}

function describeEntry(fold: IncidentFold, event: NewEvent): string {
  switch (event.kind) {
    case 'decision':
      return `"${playbookWords(fold.playbook).decision(event.data.event)}"`;
    case 'checklist.ticked':
      return `Ticking ${event.data.items.map((item) => `"${playbookWords(fold.playbook).item(event.data.step, item)}"`).join(', ')} in "${fold.playbook.steps.get(event.data.step)?.title ?? event.data.step}"`;
    case 'note':
      return 'The note';
    case 'step.assigned':
      return 'The assignment';
    case 'command.handed-over':
      return 'The handover';
    case 'role.assigned':
      return `The role holder`;
    case 'fact.corrected':
      return `The correction of "${playbookWords(fold.playbook).field(undefined, event.data.fact)}"`;
    case 'awareness.recorded':
      return `"${event.data.label}"`;
    case 'notification.reported':
      return `The ${event.data.followUp ? 'follow-up ' : ''}report to ${playbookWords(fold.playbook).clock(event.data.clock)}`;
    case 'notification.sent':
      return `The notice sent to ${event.data.to}`;
    default:
      return 'The entry';
  }
}
