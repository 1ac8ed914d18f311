import type { AnyStateMachine } from 'xstate';
import type { ZodType } from 'zod';
import type { ClockSpec } from '../clocks/clockSpec.ts';
import type { DraftFacts } from './draftFacts.ts';
import type { DutySpecInput, NoticeEffect } from './dutySpec.ts';
import type { SettingSpecInput } from './incidentSettings.ts';

export type { StepMeta } from './stepMeta.ts';
export type { ClockSpec } from '../clocks/clockSpec.ts';
export type { DraftFacts } from './draftFacts.ts';
export type { DutySpecInput, NoticeEffect } from './dutySpec.ts';
export type { SettingSpecInput } from './incidentSettings.ts';
export { days, duty, field, hours, minutes, notification, payload, type Field } from './authoringKit.ts';

/** What a decision (an event of the machine) looks like to the person taking it. */
export interface DecisionSpec {
  /** Label shown when the transition has no `description` of its own. */
  label?: string;
  /** The data the decision carries; validated before anything is recorded. */
  payload?: ZodType<Record<string, unknown>>;
  /**
   * Facts the decision establishes by being taken, without asking: closing the scope as "no data was taken" sets
   * `personalDataInvolved: 'no'`, so that status, drafts and reports show the latest fact, not the "unknown" of an
   * earlier assessment.
   */
  sets?: Record<string, string | number | boolean>;
  /**
   * A decision that speaks for every organisation of the register ("every customer told", "every customer
   * reconnected") names the duty it speaks for: it is blocked while the register holds an organisation (or a
   * product of one) the duty is owed to and not yet recorded as done.
   */
  needsEvery?: string;
  /**
   * The decision needs its rationale, in the decision maker's words, for the decision log: `true`, or the question
   * to ask ("Why shut everything down rather than isolate?"). Nothing is recorded without it.
   */
  rationale?: true | string;
  /**
   * A decision about the devolved administrations of the nations the register's organisations are in (Scotland,
   * Wales, Northern Ireland): `{ told: 'nationsNotified' }` is refused unless that field of its data names every
   * such nation; `'none'` ("no services outside England") is refused while the register holds an organisation
   * outside England.
   */
  nationsServed?: { told: string } | 'none';
}

/** A playbook module's default export. */
export interface PlaybookDefinition {
  /** Must match the file name: `playbooks/<id>.ts`. */
  id: string;
  /** Semantic version, recorded with every incident run under this playbook. */
  version: string;
  title: string;
  summary: string;
  /** Role ids and their names. Every step names one of these as responsible. */
  roles: Record<string, string>;
  /** Decisions that carry data or need a label other than their transitions' descriptions. */
  events?: Record<string, DecisionSpec>;
  /** For each named guard, the sentence shown when it blocks a choice ("Backups must be verified clean"). */
  guards?: Record<string, string>;
  /**
   * What the incident owes each organisation of its register (telling it, its restore point, its reconnection),
   * declared once: irp keeps each for every organisation the register holds, with its own clock where it has one.
   */
  duties?: DutySpecInput[];
  /** What a notice of another playbook's duty does when this playbook's incident takes it in (see NoticeEffect). */
  notices?: Record<string, NoticeEffect>;
  /**
   * Choices made once, when an incident is opened, from which authorities, routes and clocks follow: `{ nation: {
   * question, choices: { england: { label: 'England', words: { nisAuthority: 'the Department of Health and Social
   * Care' } }, scotland: … } } }`. Steps' texts use the words as `{nisAuthority}`; a clock runs only under the choices
   * in its `appliesWhen`. The first choice is the default.
   */
  settings?: Record<string, SettingSpecInput>;
  /** The regulatory and contractual clocks this playbook runs (usually picked from `playbooks/_uk-clocks.ts`). */
  clocks?: ClockSpec[];
  /**
   * Moments an after-action report measures from awareness, each reached by the first of its decisions:
   * `{ 'Contain': ['CONTAINED'], 'Restore': ['RESTORED'] }`.
   */
  milestones?: Record<string, string[]>;
  /**
   * Decisions that record that this is not an incident after all (standing down): a path through one of them owes
   * no notification. Every other path to the end must record each clock's notification, or that it is not needed
   * (`irp lint` proves it).
   */
  notAnIncident?: string[];
  /**
   * Clocks a reader might look for that this playbook deliberately does not run, each by the name a reader would
   * look for, with why: `{ 'Personal data breach report to the ICO (UK GDPR Art. 33(1))': 'The supplier is a
   * processor: each customer, as controller, reports to the ICO' }`. Reports list them, so that an absent clock is
   * never mistaken for a forgotten one.
   */
  clocksNotRun?: Record<string, string>;
  /** Which recorded facts fill which parts of a notification draft. */
  draftFacts?: DraftFacts;
  /** The XState v5 machine. Every atomic, non-final state carries a step in `meta` (see StepMeta). */
  machine: AnyStateMachine;
}

/**
 * Declares a playbook. Checks happen when irp loads it, where every problem is reported at once.
 *
 * @example
 * export default definePlaybook({ id: 'my-playbook', version: '1.0.0', title, summary, roles, machine });
 */
export function definePlaybook<T extends PlaybookDefinition>(definition: T): T {
  return definition;
}
