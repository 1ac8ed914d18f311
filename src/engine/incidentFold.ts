import type { AnyMachineSnapshot } from 'xstate';
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
  roleHolders: Map<string, RoleHolder>;
  events: RecordedEvent[];
}

