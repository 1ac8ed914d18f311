import type { AnyStateNode, StateValue } from 'xstate';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentFold } from './incidentFold.ts';
import { setsOf } from '../playbook/loadedPlaybook.ts';
import { keepClockIndex, resumeClockIndex, type KeptClockIndex } from '../clocks/clockStatus.ts';
import { keepRegister, resumeRegister, type KeptRegister } from './register.ts';
import type { ActionRecord, Takeover, FactCorrection, MomentRecord, PendingTimer, RoleHolder, StepEntry, Tick } from './incidentView.ts';

/** Bumped whenever the shape changes: a checkpoint of another format is ignored, never half-read. */
const FORMAT = 7;

/**
 * The derived state of an incident after its first `count` events, as plain JSON. It is only an optimisation:
 * it is used when the record still has, at position `count`, the event whose hash it names (the hash chain then
 * guarantees every earlier event is unchanged) and the playbook source is the same; otherwise it is ignored and
 * the record is replayed from the start.
 *
 * It keeps the whole machine snapshot a later transition depends on: value, context and the history of every
 * history state (which state each region was last in), so a restored fold moves exactly as a full replay does.
 */
export interface FoldCheckpoint {
  format: typeof FORMAT;
  count: number;
  lastHash: string;
  sourceHash: string;
  value: StateValue;
  context: unknown;
  /** History state id → ids of the states it remembers. */
  history: Record<string, string[]>;
  enteredAt: Array<[string, string]>;
  enteredBy: Array<[string, StepEntry]>;
  ticks: Array<[string, Array<[string, Tick]>]>;
  timers: PendingTimer[];
  facts: Record<string, unknown>;
  factSetAt: Array<[string, string]>;
  corrections: Array<[string, FactCorrection[]]>;
  moments: Array<[string, MomentRecord]>;
  assignees: Array<[string, Actor]>;
  commander: Actor;
  takeover?: Takeover | undefined;
  roleHolders: Array<[string, RoleHolder]>;
  /** What the clocks read of the record up to here, so that a later process need not read those entries again. */
  clockIndex: KeptClockIndex;
  register: KeptRegister;
  actions: Array<[number, ActionRecord]>;
}

export function checkpointOf(fold: IncidentFold): FoldCheckpoint {
  const historyValue = (fold.snapshot.historyValue ?? {}) as Record<string, AnyStateNode[]>;
  // A deep copy, as JSON: the fold goes on changing the maps and objects it holds after this.
  return JSON.parse(JSON.stringify({
    format: FORMAT,
    count: fold.events.length,
    lastHash: (fold.events.at(-1) as RecordedEvent).hash,
    sourceHash: fold.playbook.sourceHash,
    value: fold.snapshot.value,
    context: fold.snapshot.context,
    history: Object.fromEntries(Object.entries(historyValue).map(([id, nodes]) => [id, nodes.map((node) => node.id)])),
    enteredAt: [...fold.enteredAt],
    enteredBy: [...fold.enteredBy],
    ticks: [...fold.ticks].map(([step, items]) => [step, [...items]]),
    timers: [...fold.timers.values()],
    facts: fold.facts,
    factSetAt: [...fold.factSetAt],
    corrections: [...fold.corrections],
    moments: [...fold.moments],
    assignees: [...fold.assignees],
    commander: fold.commander,
    ...(fold.takeover ? { takeover: fold.takeover } : {}),
    roleHolders: [...fold.roleHolders],
    clockIndex: keepClockIndex(fold.clockIndex, fold.events),
    register: keepRegister(fold.register),
    actions: [...fold.actions],
  } satisfies FoldCheckpoint)) as FoldCheckpoint;
}

/** The fold a checkpoint stands for, if it still matches the record and the playbook; `undefined` otherwise. */
export function foldFromCheckpoint(
  playbook: LoadedPlaybook,
  events: readonly RecordedEvent[],
  checkpoint: FoldCheckpoint | undefined,
): IncidentFold | undefined {
  if (!checkpoint || checkpoint.format !== FORMAT || checkpoint.sourceHash !== playbook.sourceHash || checkpoint.count < 1) return undefined;
  const opened = events[0];
  if (events[checkpoint.count - 1]?.hash !== checkpoint.lastHash || opened?.kind !== 'incident.opened') return undefined;
  try {
    const historyValue = Object.fromEntries(
      Object.entries(checkpoint.history).map(([id, ids]) => [id, ids.map((stateId) => playbook.machine.getStateNodeById(stateId))]),
    );
    // Caches give out copies, so the checkpoint's entries can be taken as they are; the containers the fold adds to
    // are made here, so that a checkpoint held and used again is never changed.
    const copy = checkpoint;
    return {
      playbook,
      snapshot: playbook.machine.resolveState({ value: copy.value, context: copy.context as Record<string, unknown>, historyValue }),
      opened,
      enteredAt: new Map(copy.enteredAt),
      enteredBy: new Map(copy.enteredBy),
      ticks: new Map(copy.ticks.map(([step, items]) => [step, new Map(items)])),
      timers: new Map(copy.timers.map((timer) => [timer.id, timer])),
      facts: { ...copy.facts },
      factSetAt: new Map(copy.factSetAt),
      corrections: new Map(copy.corrections.map(([fact, list]) => [fact, [...list]])),
      moments: new Map(copy.moments),
      assignees: new Map(copy.assignees),
      commander: copy.commander,
      ...(copy.takeover ? { takeover: copy.takeover } : {}),
      roleHolders: new Map(copy.roleHolders),
      register: resumeRegister(copy.register),
      actions: new Map(copy.actions),
      clockIndex: resumeClockIndex(playbook.indexedClocks, events, copy.clockIndex, setsOf(playbook)),
      events: events as RecordedEvent[],
    };
  } catch {
    return undefined; // a checkpoint the machine cannot resolve is simply not used
  }
}
