import type { AnyMachineSnapshot } from 'xstate';
import type { ZodType } from 'zod';
import type { ChecklistItem } from '../playbook/stepMeta.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';

export interface RoleHolder {
  name: string;
  since: string;
  seq: number;
}

export interface Tick {
  by: Actor;
  at: string;
  seq: number;
}

/** One step the incident is on now (with parallel workstreams, several are). */
export interface ActiveStep {
  /** State path, such as `respond.notify.ncsc.report`. */
  path: string;
  title: string;
  instructions: string;
  role: string;
  roleName: string;
  /** Titles of the phases and workstreams the step sits in, outermost first. */
  within: string[];
  enteredAt: string;
  /** Who the step was given to, if anyone (`step.assigned`). */
  assignee?: Actor;
  checklist: Array<ChecklistItem & { ticked?: Tick }>;
  facts: Array<{ id: string; label: string; value?: unknown }>;
}

/** A decision the playbook offers now, or would offer once what blocks it is done. */
export interface Choice {
  event: string;
  label: string;
  /** Paths of the active steps it leaves from. */
  from: string[];
  payload?: ZodType<Record<string, unknown>>;
  /** Why it cannot be taken yet: guards not met, required checklist items still open. Empty when available. */
  blockers: string[];
}

/** A delayed transition (`after`) that will fire unless its step is left first. */
export interface PendingTimer {
  id: string;
  event: string;
  step: string;
  label: string;
  dueAt: string;
}

/** Everything known about an incident, derived from its record and its playbook. */
export interface IncidentView {
  id: string;
  title: string;
  awareAt: string;
  openedAt: string;
  exercise: boolean;
  /** Who is in command now: whoever opened the incident, or the last one it was handed over to. */
  commander: Actor;
  /** Who holds each role now, and since when (the record keeps every change). */
  roleHolders: Record<string, RoleHolder>;
  /** The playbook the incident was opened under, as recorded. */
  recordedPlaybook: { id: string; version: string; sourceHash: string };
  snapshot: AnyMachineSnapshot;
  finished: boolean;
  steps: ActiveStep[];
  choices: Choice[];
  timers: PendingTimer[];
  /** Facts recorded by decisions' payloads, the latest value of each. */
  facts: Record<string, unknown>;
  events: readonly RecordedEvent[];
}
