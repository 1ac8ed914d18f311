import { UserError } from '../errors.ts';

/** A CACAO workflow step, as far as irp reads it. */
interface CacaoStep {
  type: string;
  name?: string;
  description?: string;
  on_completion?: string;
  on_success?: string;
  on_failure?: string;
  next_steps?: string[];
  on_true?: string;
  on_false?: string;
  condition?: string;
  switch?: string;
  cases?: Record<string, string>;
  commands?: Array<{ type?: string; command?: string; description?: string }>;
  agent?: string;
}

const KNOWN = new Set(['start', 'end', 'action', 'playbook-action', 'parallel', 'if-condition', 'while-condition', 'switch-condition']);
const ID = /^[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface ImportedPlaybook {
  id: string;
  /** The irp playbook, as the text of a TypeScript module for `playbooks/<id>.ts`. */
  source: string;
  steps: number;
  /** What was made up or left out, one sentence each (a step with no agent, a step never reached). */
  notes: string[];
}

/**
 * The document as a CACAO v2.0 playbook irp can run, or every reason it is not at once, each naming the step and
 * the rule of the standard: its type and version, a workflow with a start, step ids, types and references that
 * resolve, conditions with their branches, parallel steps with theirs, and end steps that lead nowhere.
 */
function runnableCacao(document: unknown, file: string): { playbook: Record<string, unknown>; steps: Record<string, CacaoStep>; start: string } {
  const problems: string[] = [];
  const refuse = () => new UserError({ code: 'cacao-not-importable', file, problems });
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    problems.push('the file is not a JSON object: a CACAO playbook is one');
    throw refuse();
  }
  const playbook = document as Record<string, unknown>;
  if (playbook.type !== 'playbook') problems.push(`type is ${JSON.stringify(playbook.type)}: a CACAO playbook has type "playbook"`);
  if (playbook.spec_version !== 'cacao-2.0') problems.push(`spec_version is ${JSON.stringify(playbook.spec_version)}: irp imports CACAO v2.0 ("cacao-2.0")`);
  const workflow = playbook.workflow as Record<string, CacaoStep> | undefined;
  if (typeof workflow !== 'object' || workflow === null || Object.keys(workflow).length === 0) problems.push('workflow: missing or empty: the steps are the playbook');
  if (problems.length > 0) throw refuse();
  const steps = workflow as Record<string, CacaoStep>;
  const start = playbook.workflow_start;
  if (typeof start !== 'string' || !(start in steps)) problems.push(`workflow_start: ${JSON.stringify(start)} is not a step of the workflow`);

  const at = (id: string) => `workflow["${id}"]${steps[id]?.name ? ` (${steps[id].name})` : ''}`;
  for (const [id, step] of Object.entries(steps)) {
    if (!ID.test(id)) problems.push(`${at(id)}: the id is not of the form type--uuid (CACAO 2.0 §10.10)`);
    if (typeof step !== 'object' || step === null || !KNOWN.has(step.type)) {
      problems.push(`${at(id)}: type ${JSON.stringify(step?.type)} is not a CACAO v2.0 workflow step type (${[...KNOWN].join(', ')})`);
      continue;
    }
    for (const field of ['on_completion', 'on_success', 'on_failure', 'on_true', 'on_false'] as const) {
      const ref = step[field];
      if (ref !== undefined && (typeof ref !== 'string' || !(ref in steps))) problems.push(`${at(id)}: ${field} refers to ${JSON.stringify(ref)}, which is not a step of the workflow`);
    }
    if ((step.type === 'if-condition' || step.type === 'while-condition') && (typeof step.condition !== 'string' || step.on_true === undefined)) {
      problems.push(`${at(id)}: an ${step.type} needs a condition and on_true (CACAO 2.0 §4.8, §4.9)`);
    }
    if (step.type === 'switch-condition') {
      const cases = step.cases;
      if (typeof cases !== 'object' || cases === null || Object.keys(cases).length === 0) problems.push(`${at(id)}: a switch-condition needs cases (CACAO 2.0 §4.10)`);
      else for (const [name, ref] of Object.entries(cases)) if (!(ref in steps)) problems.push(`${at(id)}: case ${JSON.stringify(name)} refers to ${JSON.stringify(ref)}, which is not a step of the workflow`);
    }
    if (step.type === 'parallel') {
      if (!Array.isArray(step.next_steps) || step.next_steps.length === 0) problems.push(`${at(id)}: a parallel step needs next_steps (CACAO 2.0 §4.7)`);
      else for (const ref of step.next_steps) if (!(ref in steps)) problems.push(`${at(id)}: next_steps refers to ${JSON.stringify(ref)}, which is not a step of the workflow`);
    }
    if (step.type === 'end' && (step.on_completion || step.on_success || step.on_failure)) problems.push(`${at(id)}: an end step leads nowhere (CACAO 2.0 §4.3)`);
  }
  if (problems.length > 0) throw refuse();
  return { playbook, steps, start: start as string };
}

/**
 * A CACAO v2.0 playbook as an irp playbook that runs as a checklist: action steps become steps (their manual
 * commands the checklist, their agent the role), parallel steps become parallel states whose branches join where
 * they meet (the step's `on_completion`, or the first step every branch reaches), if-conditions and switch
 * conditions become decisions, while-conditions a decision to repeat or go on, end steps the ends. What irp cannot
 * run is refused with every problem at once, each naming the step and the rule.
 */
export function importCacao(document: unknown, options: { id: string; file: string }): ImportedPlaybook {
  const { playbook, steps, start } = runnableCacao(document, options.file);
  const notes: string[] = [];
  const at = (id: string) => `workflow["${id}"]${steps[id]?.name ? ` (${steps[id].name})` : ''}`;

  // Names: a state key for each step, roles from the agents.
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'step';
  for (const [id, step] of Object.entries(steps)) {
    let key = slug(step.name ?? step.type);
    for (let n = 2; taken.has(key); n += 1) key = `${slug(step.name ?? step.type)}-${n}`;
    taken.add(key);
    keys.set(id, key);
  }
  const agents = (playbook.agent_definitions ?? {}) as Record<string, { name?: string; type?: string }>;
  const roles: Record<string, string> = {};
  const roleOf = (step: CacaoStep, id: string): string => {
    const agent = step.agent ? agents[step.agent] : undefined;
    if (agent?.name) {
      const role = slug(agent.name);
      roles[role] = agent.name;
      return role;
    }
    if (step.type === 'action' || step.type === 'playbook-action') notes.push(`${at(id)}: no agent${step.agent ? ` named in agent_definitions (${step.agent})` : ''}; given to the Responder`);
    roles.responder = 'Responder';
    return 'responder';
  };

  const successors = (step: CacaoStep): string[] =>
    [step.on_completion, step.on_success, step.on_failure, step.on_true, step.on_false, ...Object.values(step.cases ?? {})].filter((ref): ref is string => typeof ref === 'string');
  /** Every step reachable from `from` without passing `stop`. */
  const reach = (from: string, stop: ReadonlySet<string>): Set<string> => {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (seen.has(id) || stop.has(id)) continue;
      seen.add(id);
      const step = steps[id] as CacaoStep;
      queue.push(...successors(step), ...(step.type === 'parallel' ? (step.next_steps ?? []) : []));
    }
    return seen;
  };
  /** Where the branches of a parallel step meet: its on_completion, or the first step every branch reaches. */
  const joinOf = (id: string, stop: ReadonlySet<string>): string | undefined => {
    const step = steps[id] as CacaoStep;
    if (step.on_completion) return step.on_completion;
    const branches = (step.next_steps ?? []).map((next) => reach(next, stop));
    const first = branches[0];
    if (!first || branches.length < 2) return undefined;
    return [...first].find((candidate) => steps[candidate]?.type !== 'end' && branches.every((branch) => branch.has(candidate)));
  };

  const used = new Set<string>();
  type StateConfig = Record<string, unknown>;
  /**
   * The states of one region: from `entry`, every step up to `stop` (a join, which belongs to the region around
   * it). A reference to a step in `stop` ends the region (its final state `doneKey`).
   */
  const region = (entry: string, stop: ReadonlySet<string>, doneKey: string | undefined): { initial: string; states: Record<string, StateConfig> } => {
    const states: Record<string, StateConfig> = {};
    const queue = [entry];
    const targetOf = (ref: string | undefined): string => {
      if (ref === undefined || stop.has(ref)) {
        if (doneKey === undefined) return `#${ensureEnd()}`;
        states[doneKey] ??= { id: doneKey, type: 'final' };
        return `#${doneKey}`;
      }
      if (!used.has(ref) && !queue.includes(ref)) queue.push(ref);
      return `#${keys.get(ref)}`;
    };
    const ensureEnd = () => {
      const key = 'end_of_flow'; // an underscore: no step's key (lower-case letters, digits, hyphens) can be this
      states[key] ??= { id: key, type: 'final' };
      return key;
    };
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (used.has(id) || stop.has(id)) continue;
      used.add(id);
      const step = steps[id] as CacaoStep;
      const key = keys.get(id) as string;
      // Each step's decisions have names of their own: in a parallel state one event reaches every branch.
      const ev = (what: string) => `${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${what}`;
      const title = (step.name ?? '').trim();
      const described = (step.description ?? '').trim();
      switch (step.type) {
        case 'start':
          // The start is where the flow begins; its successor is the region's first state.
          states[key] = { id: key, meta: { title: title || 'Start', instructions: described || 'Begin the playbook.', role: roleOf(step, id) }, on: { [ev('BEGIN')]: { target: targetOf(step.on_completion), description: 'Begin' } } };
          break;
        case 'end':
          states[key] = { id: key, type: 'final' };
          break;
        case 'action':
        case 'playbook-action': {
          const on: Record<string, unknown> = {};
          if (step.on_success) on[ev('SUCCEEDED')] = { target: targetOf(step.on_success), description: 'Succeeded' };
          if (step.on_failure) on[ev('FAILED')] = { target: targetOf(step.on_failure), description: 'Failed' };
          if (step.on_completion || Object.keys(on).length === 0) on[ev('DONE')] = { target: targetOf(step.on_completion), description: step.on_completion ? 'Done' : 'Done (this is the end of its flow)' };
          states[key] = {
            id: key,
            meta: {
              title: title || (step.type === 'playbook-action' ? 'Run another playbook' : 'Action'),
              instructions: [described, step.type === 'playbook-action' ? 'This step runs another playbook: run it, then come back.' : ''].filter(Boolean).join(' ') || title || 'Carry out this step.',
              role: roleOf(step, id),
              checklist: checklistOf(step),
            },
            on,
          };
          break;
        }
        case 'if-condition':
          states[key] = {
            id: key,
            meta: { title: title || `If ${step.condition}`, instructions: [described, `Decide whether this holds: ${step.condition}`].filter(Boolean).join(' '), role: roleOf(step, id) },
            on: {
              [ev('YES')]: { target: targetOf(step.on_true), description: `Yes: ${step.condition}` },
              [ev('NO')]: { target: targetOf(step.on_false ?? step.on_completion), description: 'No' },
            },
          };
          break;
        case 'while-condition':
          // A loop the commander bounds: each time round, they decide whether the condition still holds.
          states[key] = {
            id: key,
            meta: { title: title || `While ${step.condition}`, instructions: [described, `Repeat while this holds: ${step.condition}`].filter(Boolean).join(' '), role: roleOf(step, id) },
            on: {
              [ev('REPEAT')]: { target: targetOf(step.on_true), description: `It still holds (${step.condition}): go round again` },
              [ev('STOP')]: { target: targetOf(step.on_false ?? step.on_completion), description: 'It no longer holds: go on' },
            },
          };
          break;
        case 'switch-condition': {
          const on: Record<string, unknown> = {};
          Object.entries(step.cases ?? {}).forEach(([name, ref], index) => {
            on[ev(`CASE_${index + 1}`)] = { target: targetOf(ref), description: `${step.switch ?? 'Case'}: ${name}` };
          });
          if (step.on_completion) on[ev('OTHERWISE')] = { target: targetOf(step.on_completion), description: 'None of these' };
          states[key] = { id: key, meta: { title: title || `Which case of ${step.switch ?? 'the switch'}?`, instructions: described || 'Decide which case holds.', role: roleOf(step, id) }, on };
          break;
        }
        case 'parallel': {
          const join = joinOf(id, stop);
          const inner = new Set([...stop, ...(join ? [join] : [])]);
          const branches: Record<string, StateConfig> = {};
          (step.next_steps ?? []).forEach((next, index) => {
            const branchKey = `${key}-branch-${index + 1}`;
            const done = `${branchKey}-done`;
            const built = region(next, inner, done);
            branches[branchKey] = { meta: { title: steps[next]?.name ?? `Branch ${index + 1}` }, initial: built.initial, states: built.states };
          });
          states[key] = { id: key, type: 'parallel', meta: { title: title || 'Side by side' }, states: branches, onDone: { target: targetOf(join), description: 'Every branch is done' } };
          break;
        }
      }
    }
    return { initial: keys.get(entry) as string, states };
  };

  const top = region(start, new Set(), undefined);
  // Steps nothing leads to from the start are left out, and said so.
  for (const id of Object.keys(steps)) if (!used.has(id)) notes.push(`${at(id)}: never reached from workflow_start; left out`);
  const name = typeof playbook.name === 'string' && playbook.name.trim() ? playbook.name.trim() : options.id;
  const summary = typeof playbook.description === 'string' && playbook.description.trim() ? playbook.description.trim() : `Imported from the CACAO playbook ${String(playbook.id ?? options.file)}.`;
  if (Object.keys(roles).length === 0) roles.responder = 'Responder';
  const machine = { id: options.id, initial: top.initial, states: top.states };
  // What comes from the file reaches the module only as string literals: in the comment too, where a line break
  // (JSON.stringify leaves U+2028 and U+2029 as they are) would end the comment and start code.
  const literal = (text: string) => JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  const source = `// Imported by irp import from the CACAO v2.0 playbook ${literal(String(playbook.id ?? ''))}
// in ${literal(options.file)}. It runs as a checklist: edit it freely, then run irp lint.
import { setup } from 'xstate';
import { definePlaybook, type StepMeta } from 'irp/playbook';

const machine = setup({ types: { meta: {} as StepMeta } }).createMachine(${JSON.stringify(machine, null, 2)});

export default definePlaybook({
  id: ${JSON.stringify(options.id)},
  version: '1.0.0',
  title: ${JSON.stringify(name)},
  summary: ${JSON.stringify(summary)},
  roles: ${JSON.stringify(roles, null, 2)},
  machine,
});
`;
  return { id: options.id, source, steps: used.size, notes };
}

/** A step's commands as a checklist: `- [ ] …` lines of a manual command, else each command as one item. */
function checklistOf(step: CacaoStep): Array<{ id: string; text: string; required?: boolean }> {
  const items: Array<{ id: string; text: string; required?: boolean }> = [];
  for (const command of step.commands ?? []) {
    const text = command.command ?? command.description ?? '';
    const boxes = [...text.matchAll(/^- \[ \] (.+)$/gm)].map((m) => (m[1] as string).trim());
    if (boxes.length > 0) {
      for (const box of boxes) {
        const optional = box.endsWith(' (optional)');
        items.push({ id: `c${items.length + 1}`, text: optional ? box.slice(0, -' (optional)'.length) : box, ...(optional ? { required: false } : {}) });
      }
      continue;
    }
    const line = text.split('\n')[0]?.trim() ?? '';
    const what = command.type && command.type !== 'manual' ? `Run the ${command.type} command: ${line}` : line;
    if (what) items.push({ id: `c${items.length + 1}`, text: what.length > 200 ? `${what.slice(0, 199)}…` : what });
  }
  return items;
}
