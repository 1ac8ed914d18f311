import { getNextTransitions } from 'xstate';
import { machineStep } from './machineStep.ts';
import { UserError } from '../errors.ts';
import { backdateMarginMs } from '../record/backdating.ts';
import { FACILITATOR_ACTOR, SYSTEM_ACTOR, type NewEvent } from '../record/recordedEvent.ts';
import { formatLondon } from '../time/london.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { StepEntry } from './incidentView.ts';
import { activeStepPaths } from './statePaths.ts';

/** Allowance for clocks that disagree a little: an entry up to this far ahead of the recording time is accepted. */
export const FUTURE_TOLERANCE_MS = 60_000;

/**
 * The rules for the time an entry claims, the same for every driver (CLI, runner, answers files, exercises, the
 * library API). An entry:
 * - may not be dated after the moment it is recorded (beyond a minute's tolerance);
 * - may not be dated before the incident's awareness, nor before the step it acts on became active (which also
 *   refuses an answer dated before a timer already recorded that moved the step on);
 * - may not correct a fact with a time before the fact was recorded;
 * - needs a reason, kept in the record, when it is dated more than the incident's margin before it is recorded.
 *
 * Timers and the exercise facilitator's entries are stamped by irp itself and are not checked.
 */
export function refuseUntimely(fold: IncidentFold, events: readonly NewEvent[], recordedAt: Date): void {
  const awareAt = Date.parse(fold.opened.data.awareAt);
  const margin = backdateMarginMs(fold.events);
  for (const event of events) {
    if (event.actor.role === SYSTEM_ACTOR.role || event.actor.role === FACILITATOR_ACTOR.role) continue;
    const at = Date.parse(event.occurredAt);
    const what = describeEntry(fold, event);
    const when = event.occurredAt;
    if (at > recordedAt.getTime() + FUTURE_TOLERANCE_MS) {
      throw new UserError({ code: 'dated-in-future', what, at: when, recordedAt: recordedAt.toISOString() });
    }
    if (at < awareAt) {
      throw new UserError({ code: 'dated-before-awareness', what, at: when, incident: fold.opened.incident, awareAt: fold.opened.data.awareAt });
    }
    // An entry dated after every step became active and after every tick acts on nothing it could precede: the
    // usual case, which needs no look at what the entry would do to the machine.
    const precedesNothing = at >= latestOf(fold.enteredAt.values()) && at >= latestOf([...fold.ticks.values()].flatMap((items) => [...items.values()].map((tick) => tick.at)));
    const actedOn = precedesNothing ? [] : stepsActedOn(fold, event);
    for (const path of actedOn) {
      const entered = fold.enteredAt.get(path);
      if (entered === undefined || at >= Date.parse(entered)) continue;
      const title = fold.playbook.steps.get(path)?.title ?? path;
      throw new UserError({ code: 'dated-before-step', what, at: when, step: title, enteredAt: entered, cause: causeOf(fold, fold.enteredBy.get(path)) });
    }
    if (event.kind === 'decision') {
      // A decision that leaves a step comes after everything ticked in it: the ticks are what allowed it.
      for (const path of actedOn) {
        for (const [item, tick] of fold.ticks.get(path) ?? []) {
          if (Date.parse(tick.at) <= at) continue;
          throw new UserError({ code: 'dated-before-tick', what, at: when, item, step: fold.playbook.steps.get(path)?.title ?? path, tickedAt: tick.at, seq: tick.seq });
        }
      }
    }
    if (event.kind === 'fact.corrected') {
      const setAt = fold.factSetAt.get(event.data.fact);
      if (setAt !== undefined && at < Date.parse(setAt)) {
        throw new UserError({ code: 'dated-before-fact', what, at: when, fact: event.data.fact, setAt });
      }
    }
    const delay = recordedAt.getTime() - at;
    if (delay > margin && event.backdateReason === undefined) {
      throw new UserError({ code: 'late-entry-without-reason', what, at: when, recordedAt: recordedAt.toISOString(), delayMs: delay, marginMs: margin });
    }
  }
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
  const sources = new Set(
    getNextTransitions(fold.snapshot)
      .filter((candidate) => candidate.eventType === event.data.event)
      .map((candidate) => candidate.source.path.join('.')),
  );
  return before.filter((path) => !after.has(path) || sources.has(path));
}

function causeOf(fold: IncidentFold, entry: StepEntry | undefined): string {
  if (!entry || entry.kind === 'opened') return '';
  if (entry.kind === 'timer') {
    return `, when the timer "${entry.label}" fell due${entry.seq === undefined ? '' : ` (recorded as event #${entry.seq})`}. The record already has the playbook acting on that timer, so an entry dated before it cannot follow it: record what happened before ${formatLondon(new Date(entry.dueAt))} as a note`;
  }
  const label = fold.playbook.events[entry.event]?.label ?? entry.event;
  return `, when "${label}" was recorded (event #${entry.seq})`;
}

function describeEntry(fold: IncidentFold, event: NewEvent): string {
  switch (event.kind) {
    case 'decision':
      return `${event.data.event}`;
    case 'checklist.ticked':
      return `Ticking ${event.data.items.join(', ')} in "${fold.playbook.steps.get(event.data.step)?.title ?? event.data.step}"`;
    case 'note':
      return 'The note';
    case 'step.assigned':
      return 'The assignment';
    case 'command.handed-over':
      return 'The handover';
    case 'role.assigned':
      return `The role holder`;
    case 'fact.corrected':
      return `The correction of ${event.data.fact}`;
    case 'awareness.recorded':
      return `"${event.data.label}"`;
    case 'notification.reported':
      return `The ${event.data.followUp ? 'follow-up ' : ''}report under ${event.data.clock}`;
    default:
      return 'The entry';
  }
}
