import { finding, type PlaybookFinding } from './playbookFinding.ts';

/**
 * Every transition of a machine's configuration whose target names no state, found before XState is given the
 * configuration (XState stops at the first, with a message of its own), each with the state's path and what to
 * write instead. Targets resolve as XState resolves them: `#id.path` from the state with that id (the machine's
 * own id included), `.child.path` from the transition's own state, anything else from its parent's states.
 */
export function targetProblems(config: unknown): PlaybookFinding[] {
  const root = asNode(config);
  if (!root) return [];
  const byId = new Map<string, Node>();
  const parents = new Map<Node, Node>();
  const paths = new Map<Node, string[]>();
  const index = (node: Node, path: string[]) => {
    paths.set(node, path);
    if (typeof node.id === 'string') byId.set(node.id, node);
    for (const [key, child] of Object.entries(node.states ?? {})) {
      const childNode = asNode(child);
      if (!childNode) continue;
      parents.set(childNode, node);
      index(childNode, [...path, key]);
    }
  };
  index(root, []);
  // A machine without an id of its own is "(machine)" to XState.
  if (typeof root.id !== 'string') byId.set('(machine)', root);

  const problems: PlaybookFinding[] = [];
  const check = (node: Node, target: string) => {
    const from = target.startsWith('#') ? byId.get(target.slice(1).split('.')[0] ?? '') : target.startsWith('.') ? node : (parents.get(node) ?? root);
    const segments = target.startsWith('#') ? target.slice(1).split('.').slice(1) : target.replace(/^\./, '').split('.');
    if (!from) {
      problems.push(finding(where(paths.get(node) ?? []), 'unknown-target', `a transition leads to "${target}", but no state has the id "${target.slice(1).split('.')[0]}"`, `give that state \`id\`, or write "#${typeof root.id === 'string' ? root.id : 'machine-id'}.path.to.state"`));
      return;
    }
    let at = from;
    for (const segment of segments) {
      const next = asNode(at.states?.[segment]);
      if (!next) {
        const within = paths.get(at) ?? [];
        const beside = within.length > 0 ? `states.${within.join('.')}` : 'the machine';
        problems.push(finding(where(paths.get(node) ?? []), 'unknown-target', `a transition leads to "${target}", but ${beside} has no state "${segment}"`, `name one of the states beside it, or write "#${typeof root.id === 'string' ? root.id : 'machine-id'}.path.to.state" for a state elsewhere`));
        return;
      }
      at = next;
    }
  };
  for (const [node] of paths) for (const target of targetsOf(node)) check(node, target);
  return problems;
}

interface Node {
  id?: unknown;
  states?: Record<string, unknown>;
  on?: unknown;
  always?: unknown;
  after?: unknown;
  onDone?: unknown;
}

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

/** The targets named by a state's own transitions: `on`, `always`, `after` and `onDone`. */
function targetsOf(node: Node): string[] {
  const of = (transition: unknown): string[] => {
    if (typeof transition === 'string') return [transition];
    if (Array.isArray(transition)) return transition.flatMap(of);
    const target = asNode(transition) && (transition as { target?: unknown }).target;
    if (typeof target === 'string') return [target];
    if (Array.isArray(target)) return target.filter((item): item is string => typeof item === 'string');
    return [];
  };
  const record = (value: unknown) => (asNode(value) ? Object.values(value as Record<string, unknown>).flatMap(of) : []);
  return [...record(node.on), ...of(node.always ?? []), ...record(node.after), ...of(node.onDone ?? [])];
}

const where = (path: readonly string[]) => (path.length > 0 ? `states.${path.join('.')}` : 'states.(top)');
