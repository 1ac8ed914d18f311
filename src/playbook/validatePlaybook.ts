import { ONCE } from './parseOnce.ts';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { z } from 'zod';
import type { DecisionSpec } from './definePlaybook.ts';
import { allStateNodes, pathOf, type LoadedPlaybook } from './loadedPlaybook.ts';
import { clockSpecSchema, type Clock } from '../clocks/clockSpec.ts';
import { defaultSettings, placeholdersIn, settingSpecSchema, wordsOf, type SettingSpec } from './incidentSettings.ts';
import { fillTemplates } from './playbookIn.ts';
import { draftFactsSchema } from './draftFacts.ts';
import { proveMachine } from './machineProofs.ts';
import { playbookHeaderSchema, stepMetaSchema, transitionMetaSchema, type Step } from './stepMeta.ts';
import { checkDuties, checkNotices } from './checkDuties.ts';
import { payloadShape } from './payloadShape.ts';
import { finding, schemaFindings, type PlaybookFinding } from './playbookFinding.ts';

export { issuesAt } from './issuesAt.ts';
import type { ZodType } from 'zod';

const phaseMetaSchema = z.strictObject({ title: z.string().min(1), instructions: z.string().optional() });

/** What `validatePlaybook` found: the playbook if it is usable, and every problem otherwise. */
export type PlaybookCheck =
  | { ok: true; playbook: Omit<LoadedPlaybook, 'file' | 'sourceHash'>; warnings: PlaybookFinding[] }
  | { ok: false; problems: PlaybookFinding[]; warnings: PlaybookFinding[] };

/**
 * Checks a playbook module's default export and reports every problem, each prefixed with where it is
 * (`states.contain.isolate meta.role`), rather than stopping at the first. `proven`: this very code passed every
 * check before, the proofs over its machine included (see `LoadedModule`), so the proofs, which walk every path of
 * the machine and are most of the time a load takes, are not made again.
 */
export function validatePlaybook(definition: unknown, expectedId: string, options: { proven?: boolean } = {}): PlaybookCheck {
  const problems: PlaybookFinding[] = [];
  if (typeof definition !== 'object' || definition === null) {
    return { ok: false, problems: [finding('', 'no-default-export', 'the default export is missing: export default definePlaybook({ ... })')], warnings: [] };
  }
  const { machine, events: rawEvents, clocks: rawClocks, draftFacts: rawDraftFacts, milestones: rawMilestones, notAnIncident: rawNotAnIncident, clocksNotRun: rawClocksNotRun, duties: rawDuties, notices: rawNotices, settings: rawSettings, ...header } = definition as Record<
    string,
    unknown
  >;
  const parsedHeader = playbookHeaderSchema.safeParse(header, ONCE);
  if (!parsedHeader.success) problems.push(...schemaFindings('', parsedHeader.error));
  if (typeof header.id === 'string' && header.id !== expectedId) {
    problems.push(finding(`id`, 'id-not-file-name', `"${header.id}" does not match the file name; name the file ${header.id}.ts or change the id`));
  }
  const events = checkEvents(rawEvents, problems);
  if (!isMachine(machine)) {
    problems.push(finding('machine', 'not-a-machine', 'not an XState v5 machine; create it with setup({ ... }).createMachine({ ... })'));
    return { ok: false, problems, warnings: [] };
  }
  const payloadFields = new Set(Object.values(events).flatMap((spec) => fieldsOf(spec.payload)));
  // Roles are checked against the header only where the header could be read; its own problems are named above.
  const known = parsedHeader.success ? parsedHeader.data : undefined;
  const { steps, phases, usedEvents } = checkStates(machine, { roles: known?.roles, guards: known?.guards ?? {}, events, payloadFields }, problems);
  for (const type of Object.keys(events)) {
    if (!usedEvents.has(type)) problems.push(finding(`events.${type}`, 'unused-event', `no transition uses this event`));
  }
  for (const node of unreachable(machine)) {
    problems.push(finding(`states.${pathOf(node)}`, 'unreachable-state', `no transition leads to this state`));
  }
  const settings = checkSettings(rawSettings, problems);
  const words = new Set(Object.values(settings).flatMap((spec) => Object.values(spec.choices).flatMap((choice) => Object.keys(choice.words))));
  for (const [path, step] of steps) {
    const texts = [step.title, step.instructions, ...step.checklist.map((item) => item.text), ...step.record.map((fact) => fact.label)];
    for (const name of new Set(texts.flatMap(placeholdersIn))) {
      if (!words.has(name)) problems.push(finding(`states.${path} meta`, 'unknown-setting-word', `{${name}} is not a word of any setting (${[...words].join(', ') || 'the playbook has none'})`));
    }
  }
  const clocks = checkClocks(rawClocks, events, usedEvents, payloadFields, problems);
  for (const [index, clock] of clocks.entries()) {
    for (const [setting, choices] of Object.entries(clock.appliesWhen ?? {})) {
      const spec = settings[setting];
      if (!spec) problems.push(finding(`clocks[${index}] (${clock.id}) appliesWhen.${setting}`, 'unknown-setting', `the playbook has no such setting`));
      else for (const choice of choices) if (!(choice in spec.choices)) problems.push(finding(`clocks[${index}] (${clock.id}) appliesWhen.${setting}`, 'unknown-choice', `"${choice}" is not one of its choices (${Object.keys(spec.choices).join(', ')})`));
    }
  }
  const { duties, dutyClocks } = checkDuties(rawDuties, events, payloadFields, problems);
  const notices = checkNotices(rawNotices, events, usedEvents, clocks, problems);
  const draftFacts = draftFactsSchema.safeParse(rawDraftFacts ?? {}, ONCE);
  if (!draftFacts.success) problems.push(...schemaFindings('draftFacts', draftFacts.error));
  else {
    for (const [part, fact] of Object.entries(draftFacts.data)) {
      if (fact !== undefined && !payloadFields.has(fact)) problems.push(finding(`draftFacts.${part}`, 'unknown-fact', `no decision's payload has a field "${fact}"`));
    }
  }
  const milestones = z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).safeParse(rawMilestones ?? {}, ONCE);
  const notAnIncident = z.array(z.string().min(1)).safeParse(rawNotAnIncident ?? [], ONCE);
  const clocksNotRun = z.record(z.string().min(1), z.string().min(10, 'say why, in a sentence')).safeParse(rawClocksNotRun ?? {}, ONCE);
  if (!clocksNotRun.success) problems.push(...schemaFindings('clocksNotRun', clocksNotRun.error));
  else for (const name of Object.keys(clocksNotRun.data)) if (clocks.some((clock) => clock.id === name || clock.label === name)) problems.push(finding(`clocksNotRun.${name}`, 'clock-run-and-not-run', `the playbook runs this clock; a clock is either run or not run`));
  if (!notAnIncident.success) problems.push(...schemaFindings('notAnIncident', notAnIncident.error));
  else for (const event of notAnIncident.data) if (!usedEvents.has(event)) problems.push(finding(`notAnIncident`, 'unused-event', `no transition uses "${event}"`));
  // The proofs over the machine's graph (see machineProofs.ts): errors stop the playbook being used; warnings are
  // for irp lint.
  const warnings: PlaybookFinding[] = [];
  const exempt = notAnIncident.success ? notAnIncident.data : [];
  // (A clock whose decision no transition uses is reported above; proving paths through it would say it again.)
  const required = clocks.filter((clock) => usedEvents.has(clock.stops.event)).map((clock) => ({
    clock: clock.id,
    label: clock.label,
    events: [clock.stops.event, ...(clock.waivedBy ? [clock.waivedBy.event] : [])],
    exempt,
  }));
  const payloadOf = (event: string) => (events[event]?.payload ? fieldsOf(events[event].payload) : []);
  for (const finding of options.proven ? [] : proveMachine(machine, required, payloadOf)) {
    const { severity, ...found } = finding;
    (severity === 'error' ? problems : warnings).push(found);
  }
  if (!milestones.success) problems.push(...schemaFindings('milestones', milestones.error));
  else {
    for (const [label, list] of Object.entries(milestones.data)) {
      for (const event of list) if (!usedEvents.has(event)) problems.push(finding(`milestones.${label}`, 'unused-event', `no transition uses "${event}"`));
    }
  }
  if (problems.length > 0 || !parsedHeader.success || !draftFacts.success || !milestones.success || !clocksNotRun.success) return { ok: false, problems, warnings };
  const { id, version, title, summary, roles, guards } = parsedHeader.data;
  const chosen = defaultSettings(settings);
  const filled = fillTemplates({ steps, phases }, wordsOf(settings, chosen));
  return {
    ok: true,
    playbook: {
      ...{ id, version, title, summary, roles, guards, events, machine, clocks, duties, notices, settings, chosen },
      ...filled,
      formed: false,
      templates: { steps, phases },
      indexedClocks: [...clocks, ...dutyClocks],
      draftFacts: draftFacts.data,
      milestones: milestones.data,
      notAnIncident: exempt,
      clocksNotRun: clocksNotRun.data,
    },
    warnings,
  };
}

function checkSettings(raw: unknown, problems: PlaybookFinding[]): Record<string, SettingSpec> {
  if (raw === undefined) return {};
  const parsed = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'), settingSpecSchema).safeParse(raw, ONCE);
  if (!parsed.success) {
    problems.push(...schemaFindings('settings', parsed.error));
    return {};
  }
  for (const [setting, spec] of Object.entries(parsed.data)) {
    for (const [other, choices] of Object.entries(spec.askedWhen ?? {})) {
      const asked = parsed.data[other];
      if (!asked || other === setting) problems.push(finding(`settings.${setting}.askedWhen.${other}`, 'unknown-setting', `the playbook has no other setting of that name`));
      else for (const choice of choices) if (!(choice in asked.choices)) problems.push(finding(`settings.${setting}.askedWhen.${other}`, 'unknown-choice', `"${choice}" is not one of its choices (${Object.keys(asked.choices).join(', ')})`));
    }
  }
  return parsed.data;
}

function checkClocks(
  raw: unknown,
  events: Record<string, DecisionSpec>,
  usedEvents: ReadonlySet<string>,
  payloadFields: ReadonlySet<string>,
  problems: PlaybookFinding[],
): Clock[] {
  if (raw === undefined) return [];
  const parsed = z.array(clockSpecSchema).safeParse(raw, ONCE);
  if (!parsed.success) {
    problems.push(...schemaFindings('clocks', parsed.error));
    return [];
  }
  const seen = new Set<string>();
  for (const [index, clock] of parsed.data.entries()) {
    const where = `clocks[${index}] (${clock.id})`;
    if (seen.has(clock.id)) problems.push(finding(`${where}`, 'duplicate-id', `another clock has the same id`));
    seen.add(clock.id);
    for (const [what, ref] of [['stops', clock.stops], ['waivedBy', clock.waivedBy]] as const) {
      if (!ref) continue;
      if (!usedEvents.has(ref.event)) problems.push(finding(`${where} ${what}.event`, 'unused-event', `no transition uses "${ref.event}"`));
      const field = 'reference' in ref ? ref.reference : 'reason' in ref ? ref.reason : undefined;
      if (field !== undefined && !fieldsOf(events[ref.event]?.payload).includes(field)) {
        problems.push(finding(`${where} ${what}`, 'unknown-field', `the payload of ${ref.event} has no field "${field}"`));
      }
    }
    if (clock.starts.on === 'fact' && !payloadFields.has(clock.starts.fact)) {
      problems.push(finding(`${where} starts.fact`, 'unknown-fact', `no decision's payload has a field "${clock.starts.fact}"`));
    }
  }
  return parsed.data;
}

function checkEvents(raw: unknown, problems: PlaybookFinding[]): Record<string, DecisionSpec> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null) {
    problems.push(finding('events', 'malformed', 'must be an object of event types'));
    return {};
  }
  const out: Record<string, DecisionSpec> = {};
  for (const [type, spec] of Object.entries(raw)) {
    if (typeof spec !== 'object' || spec === null) {
      problems.push(finding(`events.${type}`, 'malformed', `must be { label?, payload?, sets?, needsEvery?, rationale?, nationsServed? }`));
      continue;
    }
    const { label, payload, sets, needsEvery, rationale, nationsServed, ...rest } = spec as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(finding(`events.${type}.${key}`, 'unknown-key', `unknown field (use label, payload, sets, needsEvery, rationale and nationsServed)`));
    if (nationsServed !== undefined && nationsServed !== 'none') {
      const told = (nationsServed as { told?: unknown }).told;
      if (typeof told !== 'string' || !(told in (payloadShape(payload as never) ?? {}))) problems.push(finding(`events.${type}.nationsServed`, 'malformed', `must be 'none' or { told: a field of the decision's data }`));
    }
    if (rationale !== undefined && rationale !== true && (typeof rationale !== 'string' || rationale.trim() === '')) {
      problems.push(finding(`events.${type}.rationale`, 'malformed', `must be true or the question to ask`));
    }
    if (needsEvery !== undefined && typeof needsEvery !== 'string') problems.push(finding(`events.${type}.needsEvery`, 'malformed', `must name one of the playbook's duties`));
    if (sets !== undefined) {
      const plain = typeof sets === 'object' && sets !== null && !Array.isArray(sets);
      if (!plain || Object.values(sets).some((value) => !['string', 'number', 'boolean'].includes(typeof value))) {
        problems.push(finding(`events.${type}.sets`, 'malformed', `must be { fact: value }, each value text, a number or true/false`));
      }
    }
    if (label !== undefined && (typeof label !== 'string' || label === '')) problems.push(finding(`events.${type}.label`, 'malformed', `must be text`));
    if (payload !== undefined && !isZodObject(payload)) {
      problems.push(finding(`events.${type}.payload`, 'malformed', `must be a zod object schema, such as z.object({ ... })`));
      continue;
    }
    out[type] = spec as DecisionSpec;
  }
  checkSets(out, problems);
  return out;
}

/** Each fact a decision `sets` is a field of some decision's data, and the value is one that field accepts. */
function checkSets(events: Record<string, DecisionSpec>, problems: PlaybookFinding[]): void {
  const fields = new Map<string, ZodType>();
  for (const spec of Object.values(events)) for (const [field, schema] of Object.entries(payloadShape(spec.payload) ?? {})) if (!fields.has(field)) fields.set(field, schema);
  for (const [type, spec] of Object.entries(events)) {
    if (typeof spec.sets !== 'object' || spec.sets === null || Array.isArray(spec.sets)) continue;
    for (const [fact, value] of Object.entries(spec.sets)) {
      const schema = fields.get(fact);
      if (!schema) problems.push(finding(`events.${type}.sets.${fact}`, 'unknown-fact', `no decision records a fact "${fact}"; name a field of a decision's payload`));
      else if (!schema.safeParse(value, ONCE).success) problems.push(finding(`events.${type}.sets.${fact}`, 'bad-fact-value', `${JSON.stringify(value)} is not a value that fact takes`));
    }
  }
}

function isMachine(value: unknown): value is AnyStateMachine {
  const candidate = value as AnyStateMachine | undefined;
  return typeof candidate?.root === 'object' && typeof candidate.getInitialSnapshot === 'function';
}

function isZodObject(value: unknown): boolean {
  const candidate = value as { safeParse?: unknown; shape?: unknown } | undefined;
  return typeof candidate?.safeParse === 'function' && typeof candidate.shape === 'object';
}

function fieldsOf(schema: unknown): string[] {
  return Object.keys(payloadShape(schema) ?? {});
}

function transitionsOf(node: AnyStateNode) {
  return [...node.transitions.values()].flat();
}

/** States no path can enter: not initial in their parent, not a parallel region, and not a transition target. */
function unreachable(machine: AnyStateMachine): AnyStateNode[] {
  const entered = new Set<AnyStateNode>([machine.root]);
  const queue: AnyStateNode[] = [machine.root];
  const enter = (node: AnyStateNode): void => {
    for (let current: AnyStateNode | undefined = node; current && !entered.has(current); current = current.parent) {
      entered.add(current);
      queue.push(current);
    }
  };
  while (queue.length > 0) {
    const node = queue.shift() as AnyStateNode;
    if (node.type === 'parallel') for (const child of Object.values(node.states) as AnyStateNode[]) enter(child);
    if (node.type === 'compound') for (const child of node.initial.target) enter(child);
    for (const transition of [...transitionsOf(node), ...(node.always ?? [])]) {
      for (const target of transition.target ?? []) enter(target);
    }
  }
  return allStateNodes(machine).filter((node) => !entered.has(node) && node.type !== 'history');
}

/**
 * The states of a playbook's machine: each step's meta (its role one of the playbook's, the facts it records ones
 * a decision carries), each phase's title, and each transition labelled, its meta well-formed and its guard
 * explained in words. Returns the steps, the phases and the events transitions use.
 */
function checkStates(
  machine: AnyStateMachine,
  known: { roles: Record<string, string> | undefined; guards: Record<string, string>; events: Record<string, DecisionSpec>; payloadFields: ReadonlySet<string> },
  problems: PlaybookFinding[],
): { steps: Map<string, Step>; phases: Map<string, string>; usedEvents: Set<string> } {
  const { roles, guards, events, payloadFields } = known;
  const steps = new Map<string, Step>();
  const phases = new Map<string, string>();
  const usedEvents = new Set<string>();
  for (const node of allStateNodes(machine)) {
    const where = `states.${pathOf(node)}`;
    const isStep = node.type === 'atomic';
    if (isStep) {
      const meta = stepMetaSchema.safeParse(node.meta, ONCE);
      if (!meta.success) {
        problems.push(...schemaFindings(`${where} meta`, meta.error));
      } else {
        steps.set(pathOf(node), meta.data);
        if (roles && !(meta.data.role in roles)) {
          problems.push(finding(`${where} meta.role`, 'unknown-role', `"${meta.data.role}" is not one of the roles: ${Object.keys(roles).join(', ')}`));
        }
        for (const [index, fact] of meta.data.record.entries()) {
          if (!payloadFields.has(fact.id)) {
            problems.push(finding(`${where} meta.record[${index}].id`, 'unknown-fact', `no decision's payload has a field "${fact.id}" to record it`));
          }
        }
      }
    } else if (node.meta !== undefined) {
      const meta = phaseMetaSchema.safeParse(node.meta, ONCE);
      if (!meta.success) problems.push(...schemaFindings(`${where} meta`, meta.error));
      else phases.set(pathOf(node), meta.data.title);
    }
    for (const transition of transitionsOf(node)) {
      const type = transition.eventType;
      if (type.startsWith('xstate.') || type === '*') continue;
      usedEvents.add(type);
      if (!transition.description && !events[type]?.label) {
        problems.push(finding(`${where} on.${type}`, 'transition-without-description', `give the transition a description (its label for the commander)`));
      }
      const confirm = transitionMetaSchema.safeParse((transition as { meta?: unknown }).meta ?? {}, ONCE);
      if (!confirm.success) problems.push(...schemaFindings(`${where} on.${type}.meta`, confirm.error));
      const guard = transition.guard;
      if (typeof guard === 'string' && !(guard in guards)) {
        problems.push(finding(`${where} on.${type}`, 'guard-without-sentence', `guard "${guard}" needs a sentence in guards saying what it waits for`));
      }
    }
  }
  return { steps, phases, usedEvents };
}
