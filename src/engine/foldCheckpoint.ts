import type { StateValue } from 'xstate';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { PendingTimer, RoleHolder, Tick } from './incidentView.ts';

/**
 * The derived state of an incident after its first `count` events, as plain JSON. It is only an optimisation:
 * it is used when the record still has, at position `count`, the event whose hash it names (the hash chain then
 * guarantees every earlier event is unchanged) and the playbook source is the same; otherwise it is ignored and
 * the record is replayed from the start.
 */
export interface FoldCheckpoint {
  count: number;
  lastHash: string;
  sourceHash: string;
  value: StateValue;
  context: unknown;
  enteredAt: Array<[string, string]>;
  ticks: Array<[string, Array<[string, Tick]>]>;
  timers: PendingTimer[];
  facts: Record<string, unknown>;
  assignees: Array<[string, Actor]>;
  commander: Actor;
  roleHolders: Array<[string, RoleHolder]>;
}

export function checkpointOf(fold: IncidentFold): FoldCheckpoint {
  return {
    count: fold.events.length,
    lastHash: (fold.events.at(-1) as RecordedEvent).hash,
    sourceHash: fold.playbook.sourceHash,
    value: fold.snapshot.value,
    context: fold.snapshot.context,
    enteredAt: [...fold.enteredAt],
    ticks: [...fold.ticks].map(([step, items]) => [step, [...items]]),
    timers: [...fold.timers.values()],
    facts: fold.facts,
    assignees: [...fold.assignees],
    commander: fold.commander,
    roleHolders: [...fold.roleHolders],
  };
}

/** The fold a checkpoint stands for, if it still matches the record and the playbook; `undefined` otherwise. */
export function foldFromCheckpoint(
  playbook: LoadedPlaybook,
  events: readonly RecordedEvent[],
  checkpoint: FoldCheckpoint | undefined,
): IncidentFold | undefined {
  if (!checkpoint || checkpoint.sourceHash !== playbook.sourceHash || checkpoint.count < 1) return undefined;
  const opened = events[0];
  if (events[checkpoint.count - 1]?.hash !== checkpoint.lastHash || opened?.kind !== 'incident.opened') return undefined;
  try {
    return {
      playbook,
      snapshot: playbook.machine.resolveState({ value: checkpoint.value, context: checkpoint.context as Record<string, unknown> }),
      opened,
      enteredAt: new Map(checkpoint.enteredAt),
      ticks: new Map(checkpoint.ticks.map(([step, items]) => [step, new Map(items)])),
      timers: new Map(checkpoint.timers.map((timer) => [timer.id, timer])),
      facts: { ...checkpoint.facts },
      assignees: new Map(checkpoint.assignees),
      commander: checkpoint.commander,
      roleHolders: new Map(checkpoint.roleHolders),
      events: events.slice(0, checkpoint.count),
    };
  } catch {
    return undefined; // a checkpoint the machine cannot resolve is simply not used
  }
}
