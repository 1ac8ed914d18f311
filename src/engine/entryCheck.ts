import type { Problem } from '../problems/problem.ts';
import type { Actor, NewEvent } from '../record/recordedEvent.ts';
import { entryTimeProblem } from './entryTime.ts';
import { clocksOfFold, type IncidentFold } from './incidentFold.ts';
import { rationaleQuestion } from '../playbook/playbookWords.ts';

/** An entry a person is about to make, as far as it is known before they type its details. */
export type PlannedEntry =
  | { kind: 'decide'; event: string }
  | { kind: 'tick'; step: string; items: readonly string[] }
  | { kind: 'note' }
  | { kind: 'aware'; moment: string; label: string }
  | { kind: 'correct'; fact: string };

/** What the rules say of an entry dated `at`, asked before anything else about it is typed. */
export interface EntryCheck {
  /** Why it cannot be dated so; `undefined` when it can. */
  problem: Problem | undefined;
  /** It is dated more than the incident's margin ago: a reason for entering it late is needed. */
  needsReason: boolean;
  /**
   * A notification after its legal deadline: the law (UK GDPR Art. 33(1)) asks for the reasons for the delay,
   * which are recorded with it.
   */
  lateNotification: { clock: string; clockLabel: string; law: string; dueAt: string } | undefined;
  /** The question asking why, where the playbook needs the decision's rationale for the decision log. */
  rationale: string | undefined;
}

/**
 * The question a driver asks before a person types an entry's details: may it be dated `at`, and what else will it
 * need? The same rules as the write (`entryTimeProblem`, the late-notification rule), asked of the incident as it
 * stands, so that nothing typed is lost to a refusal that could have been told first. Pure.
 */
export function checkEntry(fold: IncidentFold, entry: PlannedEntry, actor: Actor, at: Date, recordedAt: Date): EntryCheck {
  const event = standIn(entry, actor, at);
  const problem = entryTimeProblem(fold, event, recordedAt, { preview: true });
  const needsReason = problem?.code === 'late-entry-without-reason';
  const asked = entry.kind === 'decide' ? fold.playbook.events[entry.event]?.rationale : undefined;
  return {
    problem: needsReason ? undefined : problem,
    needsReason,
    lateNotification: entry.kind === 'decide' ? lateNotificationOf(fold, entry.event, at) : undefined,
    rationale: asked === undefined ? undefined : rationaleQuestion(asked),
  };
}

/** The clock a decision stops after its deadline, where the law asks for the reasons for the delay. */
export function lateNotificationOf(fold: IncidentFold, event: string, at: Date): EntryCheck['lateNotification'] {
  // Most decisions stop no clock: only those that do need the clocks worked out.
  if (!fold.playbook.clocks.some((clock) => clock.stops.event === event && clock.lateNeedsReason)) return undefined;
  for (const state of clocksOfFold(fold, at)) {
    if (state.status === 'overdue' && state.clock.stops.event === event && state.clock.lateNeedsReason) {
      return { clock: state.clock.id, clockLabel: state.clock.label, law: state.clock.source.law, dueAt: state.dueAt };
    }
  }
  return undefined;
}

function standIn(entry: PlannedEntry, actor: Actor, at: Date): NewEvent {
  const stamp = { actor, occurredAt: at.toISOString() };
  switch (entry.kind) {
    case 'decide':
      return { kind: 'decision', data: { event: entry.event }, ...stamp };
    case 'tick':
      return { kind: 'checklist.ticked', data: { step: entry.step, items: [...entry.items] }, ...stamp };
    case 'note':
      return { kind: 'note', data: { text: '…' }, ...stamp };
    case 'aware':
      return { kind: 'awareness.recorded', data: { moment: entry.moment, label: entry.label }, ...stamp };
    case 'correct':
      return { kind: 'fact.corrected', data: { fact: entry.fact, value: null, previous: null, reason: '…' }, ...stamp };
  }
}
