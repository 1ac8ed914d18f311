import { SYSTEM_ACTOR, type NewEvent } from '../record/recordedEvent.ts';
import { applyEvent, type IncidentFold } from './deriveIncident.ts';
import type { DueTimer } from './incidentView.ts';
import { activeStepPaths } from './statePaths.ts';

/** Safety net against a playbook whose timers keep re-arming at the same instant. */
const MAX_TIMERS_AT_ONCE = 1_000;

/**
 * The `after` timers that fell due by `upTo`, fired in order at their due times (each can change what is due
 * next). The fold is advanced past them; the returned events still have to be recorded.
 *
 * A timer takes effect at the time it falls due: a command dated at or after that time is applied after it, a
 * command dated before it is applied first (and may cancel it). So `upTo` is the time the command claims, not the
 * time it is typed in, and entering a paper log in order gives the same record as entering it live.
 */
export function catchUpTimers(fold: IncidentFold, upTo: Date): NewEvent[] {
  return fireDue(fold, upTo).map((fired) => fired.event);
}

/**
 * The timers that fell due by `now` and are not yet recorded, applied to the fold in memory only, each with the
 * steps it leaves and enters: what a reading command shows without writing anything.
 */
export function projectDueTimers(fold: IncidentFold, now: Date): DueTimer[] {
  return fireDue(fold, now).map(({ event, leaves, enters }) => {
    const data = event.data as { event: string; label: string; step: string; dueAt: string };
    return { id: data.event, event: data.event, step: data.step, label: data.label, dueAt: data.dueAt, leaves, enters };
  });
}

function fireDue(fold: IncidentFold, upTo: Date): Array<{ event: NewEvent; leaves: string[]; enters: string[] }> {
  const fired: Array<{ event: NewEvent; leaves: string[]; enters: string[] }> = [];
  const title = (path: string) => fold.playbook.steps.get(path)?.title ?? path;
  for (;;) {
    const due = [...fold.timers.values()]
      .filter((timer) => Date.parse(timer.dueAt) <= upTo.getTime())
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id))[0];
    if (!due || fold.snapshot.status === 'done') return fired;
    if (fired.length >= MAX_TIMERS_AT_ONCE) throw new Error(`playbook ${fold.playbook.id}: timers keep firing at ${due.dueAt}`);
    const event: NewEvent = {
      kind: 'timer.fired',
      data: { event: due.event, label: due.label, step: due.step, dueAt: due.dueAt },
      actor: SYSTEM_ACTOR,
      occurredAt: due.dueAt,
    };
    const before = activeStepPaths(fold.playbook, fold.snapshot);
    applyEvent(fold, event);
    const after = activeStepPaths(fold.playbook, fold.snapshot);
    fired.push({
      event,
      leaves: before.filter((path) => !after.includes(path)).map(title),
      enters: after.filter((path) => !before.includes(path)).map(title),
    });
  }
}
