import type { AnyStateNode } from 'xstate';
import { allStateNodes, pathOf, type LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { decisionLabels } from '../playbook/decisionLabels.ts';
import { formatSpan } from '../time/duration.ts';

/** A state of the playbook as a diagram draws it. */
export interface GraphNode {
  path: string;
  title: string;
  kind: 'step' | 'phase' | 'parallel' | 'final' | 'history';
  role?: string;
  children: GraphNode[];
  /** The child entered first (a phase's `initial`). */
  initial?: string;
}

/** A transition as a diagram draws it: its label, and the guard or timer that governs it. */
export interface GraphEdge {
  from: string;
  to: string;
  event: string;
  label: string;
  guard?: string;
  timer?: string;
}

export interface PlaybookGraph {
  root: GraphNode;
  edges: GraphEdge[];
}

/** The playbook's machine as a graph of titled states (nested as in the playbook) and labelled transitions. */
export function playbookGraph(playbook: LoadedPlaybook): PlaybookGraph {
  const labels = decisionLabels(playbook);
  const toNode = (node: AnyStateNode): GraphNode => {
    const path = pathOf(node);
    const children = (Object.values(node.states) as AnyStateNode[]).map(toNode);
    const step = playbook.steps.get(path);
    const kind = node.type === 'final' ? 'final' : node.type === 'history' ? 'history' : node.type === 'parallel' ? 'parallel' : node.type === 'compound' ? 'phase' : 'step';
    const initial = node.type === 'compound' ? (node.initial?.target?.[0] as AnyStateNode | undefined) : undefined;
    // A workstream with no title of its own (a `notification()` helper's) is named after its first step.
    const untitled = children.find((child) => child.kind === 'step')?.title;
    return {
      path,
      title: step?.title ?? playbook.phases.get(path) ?? (node.type === 'final' ? 'Done' : (untitled ?? (node.key as string))),
      kind,
      ...(step ? { role: playbook.roles[step.role] ?? step.role } : {}),
      children,
      ...(initial ? { initial: pathOf(initial) } : {}),
    };
  };
  const root: GraphNode = { ...toNode(playbook.machine.root), path: '', title: playbook.title };
  const edges: GraphEdge[] = [];
  for (const node of allStateNodes(playbook.machine)) {
    const from = pathOf(node);
    const transitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])] as Array<{
      eventType: string;
      target?: readonly AnyStateNode[];
      guard?: unknown;
      description?: string;
      delay?: unknown;
    }>;
    for (const transition of transitions) {
      for (const target of transition.target ?? []) {
        const event = transition.eventType;
        const guard = typeof transition.guard === 'string' ? transition.guard : undefined;
        const isTimer = event.startsWith('xstate.after.');
        const isDone = event.startsWith('xstate.done.state.');
        const timer = isTimer ? (typeof transition.delay === 'number' ? `after ${formatSpan(transition.delay)}` : `after ${String(transition.delay)}`) : undefined;
        const label = isDone ? 'when all is done' : (transition.description ?? labels.get(event) ?? (event || 'at once'));
        edges.push({ from, to: pathOf(target), event: isTimer ? 'after' : isDone ? 'done' : event, label, ...(guard ? { guard } : {}), ...(timer ? { timer } : {}) });
      }
    }
  }
  return { root, edges };
}
