import type { AnyMachineSnapshot } from 'xstate';
import type { Confirmation } from '../playbook/stepMeta.ts';
import type { ZodType } from 'zod';
import type { ChecklistItem } from '../playbook/stepMeta.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import type { Blocker } from './blockers.ts';

export interface RoleHolder {
  name: string;
  since: string;
  seq: number;
}

export interface Tick {
  by: Actor;
  at: string;
  seq: number;
  /** When the tick was recorded, if later than `at` (older checkpoints do not know). */
  recordedAt?: string;
}

/** What made a step active: the opening of the incident, a decision, or a timer that fell due. */
export type StepEntry =
  | { kind: 'opened' }
  | { kind: 'decision'; event: string; seq: number }
  | { kind: 'timer'; label: string; dueAt: string; seq?: number };

/** A recorded fact given a new value by a later entry; the entry that recorded the old value stays. */
export interface FactCorrection {
  fact: string;
  from: unknown;
  to: unknown;
  reason: string;
  at: string;
  recordedAt: string;
  by: Actor;
  seq: number;
}

/** A named moment of awareness as recorded (the latest recording counts; earlier ones are corrections). */
export interface MomentRecord {
  moment: string;
  label: string;
  at: string;
  recordedAt: string;
  by: Actor;
  seq: number;
  corrected: boolean;
}

/** Command taken over by someone not in command, and why: shown to everyone beside who is in command. */
export interface Takeover {
  from: string;
  reason: string;
  at: string;
  seq: number;
}

/** An action raised in the incident (a note about an action), and what closed it, if anything has. */
export interface ActionRecord {
  seq: number;
  text: string;
  owner?: string | undefined;
  due?: string | undefined;
  at: string;
  by: Actor;
  closed?: { seq: number; at: string; by: string; text: string } | undefined;
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
  facts: Array<{ id: string; label: string; value?: unknown; corrected?: FactCorrection }>;
}

/** A decision the playbook offers now, or would offer once what blocks it is done. */
export interface Choice {
  event: string;
  label: string;
  /** Paths of the active steps it leaves from. */
  from: string[];
  payload?: ZodType<Record<string, unknown>>;
  /** Why it cannot be taken yet: guards not met, required checklist items still open. Empty when available. */
  blockers: Blocker[];
  /**
   * Whether a person must confirm it before it is recorded: as the playbook says, and `ask` at least for any
   * available decision that finishes the incident. Drivers without a person (answers files, the CLI) do not ask.
   */
  confirm?: Confirmation | undefined;
  /** The question asking why, where the playbook needs the decision's rationale for the decision log. */
  rationale?: string | undefined;
}

/** A delayed transition (`after`) that will fire unless its step is left first. */
export interface PendingTimer {
  id: string;
  event: string;
  step: string;
  label: string;
  dueAt: string;
}

/**
 * A timer that fell due and is not yet in the record. Reading never writes: it is recorded (dated when it fell
 * due) by the first entry dated at or after that time, and the view shows the incident as if it had been.
 */
export interface DueTimer extends PendingTimer {
  /** Titles of the steps it leaves and enters. */
  leaves: string[];
  enters: string[];
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
  /** How they came to be in command, when they took it over. */
  takeover?: Takeover | undefined;
  /** Who holds each role now, and since when (the record keeps every change). */
  roleHolders: Record<string, RoleHolder>;
  /** The playbook the incident was opened under, as recorded. */
  recordedPlaybook: { id: string; version: string; sourceHash: string };
  snapshot: AnyMachineSnapshot;
  finished: boolean;
  steps: ActiveStep[];
  choices: Choice[];
  timers: PendingTimer[];
  /** Timers that fell due by now but are not recorded yet, oldest first (already applied to `steps`). */
  dueTimers: DueTimer[];
  /** Facts recorded by decisions' payloads, the latest value of each (corrections included). */
  facts: Record<string, unknown>;
  /** Every correction of each fact, oldest first. */
  corrections: Record<string, FactCorrection[]>;
  /** Moments of awareness recorded so far, by moment id. */
  moments: Record<string, MomentRecord>;
  /** How long after the fact an entry may be made without a reason, in milliseconds. */
  backdateMarginMs: number;
  /** How many organisations the register holds (where each stands is the report's `register`, worked out on demand). */
  organisations: number;
  /** Every action raised, oldest first, with what closed it. */
  actions: ActionRecord[];
  events: readonly RecordedEvent[];
}
