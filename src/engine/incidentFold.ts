import type { AnyMachineSnapshot } from 'xstate';
import { clockStatesOf, extendClockIndex, type ClockIndex, type ClockState } from '../clocks/clockStatus.ts';
import type { RegisterState } from './register.ts';
import type { ActionRecord, Takeover } from './incidentView.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import type { FactCorrection, MomentRecord, PendingTimer, RoleHolder, StepEntry, Tick } from './incidentView.ts';

/** The running state of the fold over an incident's events. */
export interface IncidentFold {
  playbook: LoadedPlaybook;
  snapshot: AnyMachineSnapshot;
  opened: Extract<RecordedEvent, { kind: 'incident.opened' }>;
  enteredAt: Map<string, string>;
  /** What made each active step active, so that a back-dated entry can be told why it is refused. */
  enteredBy: Map<string, StepEntry>;
  ticks: Map<string, Map<string, Tick>>;
  timers: Map<string, PendingTimer>;
  facts: Record<string, unknown>;
  /** When each fact was last given a value (by a decision or a correction). */
  factSetAt: Map<string, string>;
  corrections: Map<string, FactCorrection[]>;
  moments: Map<string, MomentRecord>;
  assignees: Map<string, Actor>;
  commander: Actor;
  /** How the commander came to be in command, when they took it over rather than were handed it. */
  takeover?: Takeover | undefined;
  roleHolders: Map<string, RoleHolder>;
  /** The organisations of the incident and what has been done for each. */
  register: RegisterState;
  /** The actions raised (notes about an action), by the seq of their entry, and what closed each. */
  actions: Map<number, ActionRecord>;
  /**
   * What the clocks (the playbook's and its duties') read of the record, extended as the record grows. Shared by
   * forks: it only ever reads the recorded events, which forks share.
   */
  clockIndex: ClockIndex;
  events: RecordedEvent[];
}


/**
 * A copy of a fold that can be moved on without moving the original: what a reading command does when it shows
 * timers that fell due, and what a command does while it is being decided. The events are shared: a fork is only
 * ever given events that are not recorded (which the fold does not keep), so the shared list is never added to.
 */
export function forkFold(fold: IncidentFold): IncidentFold {
  return {
    ...fold,
    enteredAt: new Map(fold.enteredAt),
    enteredBy: new Map(fold.enteredBy),
    ticks: new Map([...fold.ticks].map(([step, items]) => [step, new Map(items)])),
    timers: new Map(fold.timers),
    facts: { ...fold.facts },
    factSetAt: new Map(fold.factSetAt),
    corrections: new Map([...fold.corrections].map(([fact, list]) => [fact, [...list]])),
    moments: new Map(fold.moments),
    assignees: new Map(fold.assignees),
    roleHolders: new Map(fold.roleHolders),
    // Shared, as the events are: a fork is only ever moved on by timers (and views), which never touch the
    // register, and a supplier's register holds thousands of entries that every command would otherwise copy.
    register: fold.register,
    // Shared too: only notes add to it, and forks are never given notes.
    actions: fold.actions,
  };
}

/** Where the playbook's clocks stand at `now`, from the fold's index (brought up to the end of its record first). */
export function clocksOfFold(fold: IncidentFold, now: Date): ClockState[] {
  return clockStatesOf(extendClockIndex(fold.clockIndex, fold.events), fold.playbook.clocks, now);
}
