import type { AnyStateNode } from 'xstate';
import { decisionLabels } from '../playbook/decisionLabels.ts';
import { allStateNodes, pathOf, type LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { formatSpan } from '../time/duration.ts';
import { cacaoId } from './cacaoId.ts';

/** The time written as a CACAO playbook's `created` and `modified` unless one is given: fixed, so that exports repeat. */
export const FIXED_TIME = '2000-01-01T00:00:00.000Z';

type Step = Record<string, unknown> & { type: string };

interface Transition {
  eventType: string;
  target?: readonly AnyStateNode[];
  guard?: unknown;
  description?: string;
  delay?: unknown;
}

/**
 * An irp playbook as an OASIS CACAO v2.0 playbook, deterministic (name-based ids, a fixed time unless given):
 * - every step becomes an `action` with one `manual` command carrying its instructions and its checklist
 *   (`- [ ] …` lines), and its role as the agent (each role an `individual` in `agent_definitions`);
 * - a step with several decisions leads to a chain of `if-condition` steps, one per decision (`decision ==
 *   "EVENT"`, its label as the step's name, its guard and timer in the description), the last decision taken when
 *   none of the others is;
 * - a parallel state becomes a `parallel` step whose branches each end in an `end` step, and whose
 *   `on_completion` is what follows when every branch is done;
 * - the end of the playbook is one `end` step.
 */
export function exportCacao(playbook: LoadedPlaybook, options: { created?: string } = {}): Record<string, unknown> {
  const created = options.created ?? FIXED_TIME;
  const key = (what: string) => `${playbook.id}@${playbook.version}:${what}`;
  const labels = decisionLabels(playbook);
  const workflow: Record<string, Step> = {};
  const agents: Record<string, Record<string, unknown>> = {};
  const agentOf = (role: string) => {
    const id = cacaoId('individual', key(`role:${role}`));
    agents[id] ??= { type: 'individual', name: playbook.roles[role] ?? role };
    return id;
  };
  const endId = cacaoId('end', key('end'));
  workflow[endId] = { type: 'end', name: 'End of the playbook' };

  const entryOf = (node: AnyStateNode): string => {
    if (node.type === 'atomic') return cacaoId('action', key(pathOf(node)));
    if (node.type === 'parallel') return cacaoId('parallel', key(pathOf(node)));
    if (node.type === 'final') return completionOf(node.parent as AnyStateNode);
    if (node.type === 'history') return entryOf(node.parent as AnyStateNode);
    return entryOf(node.initial?.target?.[0] as AnyStateNode);
  };
  /** Where the flow goes when `node` (a compound or parallel state, or the machine) has finished. */
  const completionOf = (node: AnyStateNode): string => {
    if (!node.parent) return endId;
    const onDone = [...node.transitions.values()].flat().find((t) => (t as Transition).eventType.startsWith('xstate.done.state.')) as Transition | undefined;
    const target = onDone?.target?.[0];
    if (target) return entryOf(target);
    if (node.parent.type === 'parallel') {
      const id = cacaoId('end', key(`branch:${pathOf(node)}`));
      workflow[id] ??= { type: 'end', name: `End of ${playbook.phases.get(pathOf(node)) ?? pathOf(node)}` };
      return id;
    }
    return completionOf(node.parent);
  };

  const nodes = allStateNodes(playbook.machine);
  for (const node of nodes) {
    const path = pathOf(node);
    if (node.type === 'parallel') {
      const regions = Object.values(node.states) as AnyStateNode[];
      workflow[entryOf(node)] = {
        type: 'parallel',
        name: playbook.phases.get(path) ?? path,
        description: 'These workstreams run side by side; the flow goes on when every one of them has ended.',
        next_steps: regions.map(entryOf),
        on_completion: completionOf(node),
      };
      continue;
    }
    if (node.type !== 'atomic') continue;
    const step = playbook.steps.get(path);
    if (!step) continue;
    // The decisions offered from this step: its own transitions and those of the phases around it.
    const choices: Transition[] = [];
    // A decision that records without moving (backups checked) comes back to the step itself.
    for (let holder: AnyStateNode | undefined = node; holder?.parent; holder = holder.parent) {
      for (const t of [...holder.transitions.values()].flat() as Transition[]) {
        if (t.eventType.startsWith('xstate.done.state.')) continue;
        choices.push((t.target ?? []).length > 0 ? t : { ...t, target: [node] });
      }
    }
    const checklist = step.checklist.map((item) => `- [ ] ${item.text}${item.required ? '' : ' (optional)'}`);
    const command = [step.instructions, ...(checklist.length > 0 ? ['', 'Checklist:', ...checklist] : [])].join('\n');
    const action: Step = {
      type: 'action',
      name: step.title,
      description: step.instructions,
      commands: [{ type: 'manual', command }],
      agent: agentOf(step.role),
    };
    workflow[entryOf(node)] = action;
    if (choices.length === 0) {
      action.on_completion = endId;
      continue;
    }
    if (choices.length === 1) {
      action.on_completion = entryOf((choices[0] as Transition).target?.[0] as AnyStateNode);
      continue;
    }
    // One if-condition per decision but the last, which is what remains when none of the others is taken.
    let previous: Step = action;
    let previousField = 'on_completion';
    choices.forEach((choice, index) => {
      const target = entryOf(choice.target?.[0] as AnyStateNode);
      if (index === choices.length - 1) {
        previous[previousField] = target;
        return;
      }
      const event = choice.eventType.startsWith('xstate.after.') ? `timer: ${timerText(choice)}` : choice.eventType;
      const label = choice.description ?? labels.get(choice.eventType) ?? event;
      const guard = typeof choice.guard === 'string' ? ` Only when ${playbook.guards[choice.guard] ?? choice.guard}.` : '';
      const id = cacaoId('if-condition', key(`${path}:${index}:${choice.eventType}`));
      const condition: Step = {
        type: 'if-condition',
        name: label,
        description: `Decision from "${step.title}": ${label}.${guard}`,
        condition: `decision == ${JSON.stringify(event)}`,
        on_true: target,
      };
      workflow[id] = condition;
      previous[previousField] = id;
      previous = condition;
      previousField = 'on_false';
    });
  }
  const startId = cacaoId('start', key('start'));
  workflow[startId] = { type: 'start', name: 'Start', on_completion: entryOf(playbook.machine.root.initial?.target?.[0] as AnyStateNode) };
  return {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: cacaoId('playbook', key('playbook')),
    name: playbook.title,
    description: playbook.summary,
    playbook_types: ['notification', 'mitigation', 'remediation'],
    created_by: cacaoId('identity', 'irp'),
    created,
    modified: created,
    labels: [`irp-playbook:${playbook.id}`, `irp-version:${playbook.version}`],
    workflow_start: startId,
    workflow: sortKeys(workflow),
    agent_definitions: sortKeys(agents),
  };
}

function timerText(choice: Transition): string {
  return typeof choice.delay === 'number' ? `after ${formatSpan(choice.delay)}` : `after ${String(choice.delay)}`;
}

/** Keys in order, so that the same playbook always gives the same file. */
function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
