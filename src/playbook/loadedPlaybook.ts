import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Clock } from '../clocks/clockSpec.ts';
import type { DraftFacts } from './draftFacts.ts';
import type { DecisionSpec } from './definePlaybook.ts';
import type { Step } from './stepMeta.ts';
import type { DutySpec, NoticeEffect } from './dutySpec.ts';
import type { IncidentSettings, SettingSpec } from './incidentSettings.ts';

/** A playbook that passed every check, with its steps indexed by state path (`contain.isolate`). */
export interface LoadedPlaybook {
  id: string;
  version: string;
  title: string;
  summary: string;
  roles: Record<string, string>;
  events: Record<string, DecisionSpec>;
  guards: Record<string, string>;
  machine: AnyStateMachine;
  /** The choices an incident is opened with (nation, guidance, law): see `settings` in definePlaybook. */
  settings: Record<string, SettingSpec>;
  /**
   * The choices this form of the playbook is for: its steps' words are theirs, and its clocks those that apply
   * under them. The playbook as loaded is for the defaults, with every clock (for lint, diagrams and the reference);
   * an incident's is formed by `playbookIn`.
   */
  chosen: IncidentSettings;
  /** Whether `clocks` holds only the clocks that apply under `chosen` (a form made for an incident). */
  formed: boolean;
  /** The steps and phase titles as written, with their `{words}`: what `playbookIn` fills for other choices. */
  templates: { steps: ReadonlyMap<string, Step>; phases: ReadonlyMap<string, string> };
  clocks: Clock[];
  /** What the incident owes each organisation of its register (none: the playbook keeps no register). */
  duties: DutySpec[];
  /** The playbook's clocks and its duties' clocks together: what the fold's clock index reads for. */
  indexedClocks: Clock[];
  /** What a notice of each of a supplier's duties does when this playbook's incident takes it in. */
  notices: Record<string, NoticeEffect>;
  draftFacts: DraftFacts;
  milestones: Record<string, string[]>;
  /** Decisions that record that this is not an incident: no notification is owed on a path through them. */
  notAnIncident: string[];
  /** Duties a reader might expect that this playbook deliberately does not run, each with why (shown in reports). */
  clocksNotRun: Record<string, string>;
  steps: ReadonlyMap<string, Step>;
  /** Titles of grouping states (phases and workstreams) by state path. */
  phases: ReadonlyMap<string, string>;
  /** The file it was loaded from, and a SHA-256 over its source and every file it imports. */
  file: string;
  sourceHash: string;
}

/** A state's path below the root, as used in records and on the command line: `contain.isolate`. */
export function pathOf(node: AnyStateNode): string {
  return node.path.join('.');
}

/** Every state node below the root, parents before children. */
export function allStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      out.push(child);
      visit(child);
    }
  };
  visit(machine.root);
  return out;
}

/** The facts each decision of the playbook establishes by being taken. */
export function setsOf(playbook: LoadedPlaybook): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(playbook.events).flatMap(([event, spec]) => (spec.sets ? [[event, spec.sets]] : [])));
}

