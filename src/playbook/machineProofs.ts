import type { PlaybookFinding } from './playbookFinding.ts';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { PROBE_READS } from './sandbox/reviveDefinition.ts';
import { allStateNodes, pathOf } from './loadedPlaybook.ts';

/** One thing `irp lint` found: how bad, where (irp's `states.a.b` form), what, and what to do. */
export interface Finding extends PlaybookFinding {
  severity: 'error' | 'warning';
  fix: string;
}

/** A notification the playbook owes: the decision that records it and, if any, the one that records it is not needed. */
export interface RequiredNotification {
  clock: string;
  label: string;
  /** The decisions that record it, or that it is not needed. */
  events: readonly string[];
  /** Decisions that record that there is no incident at all: a path through them owes nothing. */
  exempt?: readonly string[];
}

interface Transition {
  eventType: string;
  source: AnyStateNode;
  target?: readonly AnyStateNode[] | undefined;
  guard?: unknown;
  actions?: readonly unknown[];
  description?: string | undefined;
  delay?: unknown;
}

const where = (node: AnyStateNode) => (node.path.length === 0 ? 'machine' : `states.${pathOf(node)}`);

/** Every transition a state declares: `on`, `after`, `always`, and its `onDone`. */
function transitionsOf(node: AnyStateNode): Transition[] {
  const out: Transition[] = [];
  for (const list of node.transitions.values()) out.push(...(list as Transition[]));
  out.push(...((node.always ?? []) as Transition[]));
  return out;
}

/** A guard's name, for a named guard (`'clean'` or `{ type: 'clean' }`); inline functions have none. */
function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && typeof (guard as { type?: unknown }).type === 'string') return (guard as { type: string }).type;
  return undefined;
}

function actionNames(actions: readonly unknown[] | undefined): string[] {
  return (actions ?? []).flatMap((action) => {
    if (typeof action === 'string') return [action];
    if (typeof action === 'object' && action !== null && typeof (action as { type?: unknown }).type === 'string') {
      const type = (action as { type: string }).type;
      return type.startsWith('xstate.') ? [] : [type];
    }
    return [];
  });
}

/**
 * Proofs over a playbook's machine, every problem at once:
 * - every named guard, action and delay is implemented in `setup()`, and every implemented one is used;
 * - every `after` has a label;
 * - from every state the machine can still reach its end (no dead end, no circle without a way out), every guard
 *   taken as possibly true or false, the regions of a parallel state each having to finish;
 * - every path from the start to the end records each required notification, or that it is not needed.
 */
export function proveMachine(
  machine: AnyStateMachine,
  required: readonly RequiredNotification[],
  payloadFields: (event: string) => readonly string[] | undefined = () => undefined,
  /** Whether to call each guard on stand-ins to find what it reads (a playbook proven before need not be). */
  options: { guardReads: boolean } = { guardReads: true },
): Finding[] {
  const findings: Finding[] = [];
  const implementations = (machine as unknown as { implementations: { guards: object; actions: object; delays: object } }).implementations;
  const implemented = {
    guard: new Set(Object.keys(implementations.guards ?? {})),
    action: new Set(Object.keys(implementations.actions ?? {})),
    delay: new Set(Object.keys(implementations.delays ?? {})),
  };
  const used = { guard: new Set<string>(), action: new Set<string>(), delay: new Set<string>() };
  const nodes = allStateNodes(machine);
  const assigned = contextSetAnywhere(machine, nodes);
  for (const node of [machine.root, ...nodes]) {
    for (const name of [...actionNames(node.entry as unknown[]), ...actionNames(node.exit as unknown[])]) {
      used.action.add(name);
      if (!implemented.action.has(name)) {
        findings.push({ severity: 'error', rule: 'action-not-implemented', path: where(node), message: `action "${name}" is named but not implemented`, fix: `implement it in setup({ actions: { ${name}: … } }), or remove it` });
      }
    }
    for (const transition of transitionsOf(node)) {
      const event = transition.eventType.startsWith('xstate.after.') ? 'after' : transition.eventType === '' ? 'always' : `on.${transition.eventType}`;
      const guard = guardName(transition.guard);
      if (guard !== undefined) {
        used.guard.add(guard);
        const implementation = (implementations.guards as Record<string, unknown>)[guard];
        if (options.guardReads && typeof implementation === 'function') findings.push(...functionReads({ kind: 'guard', name: guard }, implementation, transition.eventType, `${where(node)} ${event}`, payloadFields, assigned));
        if (!implemented.guard.has(guard)) {
          findings.push({
            severity: 'error', rule: 'guard-not-implemented',
            path: `${where(node)} ${event}`,
            message: `guard "${guard}" is named but not implemented: taking this transition would fail at run time`,
            fix: `implement it in setup({ guards: { ${guard}: ({ context, event }) => … } })`,
          });
        }
      }
      if (options.guardReads) {
        for (const [key, assigner] of assignersOf(transition.actions, implementations.actions as Record<string, unknown>)) {
          findings.push(...functionReads({ kind: 'assign', name: key }, assigner, transition.eventType, `${where(node)} ${event}`, payloadFields, assigned));
        }
      }
      for (const name of actionNames(transition.actions)) {
        used.action.add(name);
        if (!implemented.action.has(name)) {
          findings.push({ severity: 'error', rule: 'action-not-implemented', path: `${where(node)} ${event}`, message: `action "${name}" is named but not implemented`, fix: `implement it in setup({ actions: { ${name}: … } }), or remove it` });
        }
      }
      if (event === 'after') {
        if (typeof transition.delay === 'string' && !/^\d+$/.test(transition.delay)) {
          used.delay.add(transition.delay);
          if (!implemented.delay.has(transition.delay)) {
            findings.push({ severity: 'error', rule: 'delay-not-implemented', path: `${where(node)} after`, message: `delay "${transition.delay}" is named but not implemented`, fix: `implement it in setup({ delays: { ${transition.delay}: … } }), or write the time with hours(n) or days(n)` });
          }
        }
        if (!transition.description) {
          findings.push({ severity: 'error', rule: 'timer-without-label', path: `${where(node)} after`, message: 'this timer has no label, so nobody reading the runner or the log can tell what it does', fix: "give it a description: after: { [days(14)]: { target: 'done', description: '14 days without re-infection' } }" });
        }
      }
    }
  }
  for (const kind of ['guard', 'action', 'delay'] as const) {
    for (const name of implemented[kind]) {
      if (!used[kind].has(name)) {
        findings.push({ severity: 'warning', rule: 'implementation-unused', path: 'machine', message: `${kind} "${name}" is implemented but never used`, fix: `remove it from setup({ ${kind}s: … }), or use it` });
      }
    }
  }
  findings.push(...deadEnds(machine, nodes));
  for (const notification of required) {
    if (finishes(machine, nodes, new Set([...notification.events, ...(notification.exempt ?? [])]))) {
      findings.push({
        severity: 'error', rule: 'notification-not-recorded',
        path: 'machine',
        message: `a path reaches the end without "${notification.label}" (clock ${notification.clock}) being recorded, or recorded as not needed (${notification.events.join(' or ')})`,
        fix: `put a step on every path that decides ${notification.events.join(' or ')} before the incident can close`,
      });
    }
  }
  return findings;
}

/** A record of the properties read from it: what a guard looks at, found by calling it on stand-ins. */
function recorder(reads: Set<string>): object {
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (typeof key === 'string' && key !== 'type' && key !== 'then' && key !== 'toJSON') reads.add(key);
        return undefined;
      },
    },
  );
}

/**
 * What a guard, or a value an \`assign\` keeps, reads, and whether it can have it when it runs: a field of the
 * decision's own data must be one the decision carries; a field of the context must be set by some \`assign\` (or
 * the initial context). Found by calling the function once on stand-ins that note every property read (one that
 * throws on them has read them all the same).
 */
function functionReads(
  reader: { kind: 'guard' | 'assign'; name: string },
  implementation: unknown,
  eventType: string,
  path: string,
  payloadFields: (event: string) => readonly string[] | undefined,
  assigned: ReadonlySet<string> | undefined,
): Finding[] {
  const context = new Set<string>();
  const event = new Set<string>();
  const probe = (implementation as { [PROBE_READS]?: () => { context: string[]; event: string[] } })[PROBE_READS];
  if (probe) {
    // A playbook's guard runs in its sandbox: the stand-ins are made there (see sandbox/kitSource.ts).
    const reads = probe();
    reads.context.forEach((key) => context.add(key));
    reads.event.forEach((key) => event.add(key));
  } else {
    try {
      (implementation as (args: unknown, params: unknown) => unknown)({ context: recorder(context), event: recorder(event) }, undefined);
    } catch {
      // Reading a field of a stand-in's missing value throws; what was read before is known.
    }
  }
  const findings: Finding[] = [];
  const who = reader.kind === 'guard' ? `guard "${reader.name}"` : reader.name === '*' ? 'an assign' : `the assign of "${reader.name}"`;
  const carried = eventType.startsWith('xstate.') || eventType === '' ? undefined : payloadFields(eventType);
  if (carried !== undefined) {
    for (const field of event) {
      if (!carried.includes(field)) {
        findings.push({ severity: 'error', rule: `${reader.kind}-reads-missing-field`, path, message: `${who} reads event.${field}, but ${eventType} carries no field "${field}": ${reader.kind === 'guard' ? 'the guard can never see it' : 'it keeps what is never there'}`, fix: field === 'payload' ? `a decision's data is on the event itself: read event.<field>, or use the authoring kit's payload({ … }).read(event)` : `add "${field}" to the payload of ${eventType}, or read what the decision records` });
      }
    }
  }
  if (assigned !== undefined) {
    for (const field of context) {
      if (!assigned.has(field)) {
        findings.push({ severity: 'error', rule: `${reader.kind}-reads-unset-context`, path, message: `${who} reads context.${field}, which nothing sets: no assign and no initial value`, fix: `set it with assign({ ${field}: … }) on the decision that records it, or give it an initial value in context` });
      }
    }
  }
  return findings;
}

/**
 * The functions of the \`assign\`s among a transition's actions, written there or named and implemented in
 * \`setup()\`, each with the context field it keeps (\`*\` for an assign of a whole function).
 */
function assignersOf(actions: readonly unknown[] | undefined, implemented: Record<string, unknown> | undefined): Array<[string, unknown]> {
  return (actions ?? []).flatMap((action) => {
    const named = typeof action === 'string' ? action : typeof action === 'object' && action !== null ? (action as { type?: unknown }).type : undefined;
    const resolved = typeof named === 'string' && !named.startsWith('xstate.') ? implemented?.[named] : action;
    if ((resolved as { type?: unknown } | undefined)?.type !== 'xstate.assign') return [];
    const assignment = (resolved as { assignment?: unknown }).assignment;
    if (typeof assignment === 'function') return [['*', assignment] as [string, unknown]];
    return Object.entries((assignment as Record<string, unknown> | undefined) ?? {}).filter((entry) => typeof entry[1] === 'function');
  });
}

/** The context fields the initial context or an `assign` anywhere sets; `undefined` when that cannot be told. */
function contextSetAnywhere(machine: AnyStateMachine, nodes: readonly AnyStateNode[]): Set<string> | undefined {
  const initial = (machine.config as { context?: unknown }).context;
  if (typeof initial === 'function') return undefined;
  const set = new Set(Object.keys((initial as Record<string, unknown> | undefined) ?? {}));
  const collect = (actions: readonly unknown[] | undefined): boolean => {
    for (const action of actions ?? []) {
      const assignment = (action as { type?: string; assignment?: unknown })?.type === 'xstate.assign' ? (action as { assignment: unknown }).assignment : undefined;
      if (assignment === undefined) continue;
      if (typeof assignment === 'function') return false; // assign(fn): any field may be set
      for (const key of Object.keys(assignment as object)) set.add(key);
    }
    return true;
  };
  for (const node of nodes) {
    if (!collect(node.entry as unknown[]) || !collect(node.exit as unknown[])) return undefined;
    for (const transition of transitionsOf(node)) if (!collect(transition.actions)) return undefined;
  }
  return set;
}

/**
 * Which states can still reach the end of the machine, as a fixpoint over the states, every guard taken as
 * possibly true. Taking an event in `avoiding` is not allowed (for the notification proofs).
 */
function canEnd(machine: AnyStateMachine, nodes: readonly AnyStateNode[], avoiding: ReadonlySet<string>): Set<AnyStateNode> {
  const good = new Set<AnyStateNode>();
  const ancestorsOf = (node: AnyStateNode): AnyStateNode[] => {
    const out: AnyStateNode[] = [];
    for (let parent = node.parent; parent; parent = parent.parent) out.push(parent);
    return out;
  };
  /** Entering `node`: a leaf, a compound's initial state, or all of a parallel state's regions. */
  const entering = (node: AnyStateNode): boolean => {
    if (node.type === 'history') return node.parent ? entering(node.parent) : false;
    return good.has(node);
  };
  /** Compound states that can reach a final child, and parallel states whose every region can. */
  const completes = new Set<AnyStateNode>();
  /** A way out of `node` (its own transitions, or those of the states around it) to states that can end. */
  const exits = (node: AnyStateNode): boolean =>
    [node, ...ancestorsOf(node)].some((holder) =>
      transitionsOf(holder).some(
        (t) => !avoiding.has(t.eventType) && !t.eventType.startsWith('xstate.done.state.') && (t.target ?? []).length > 0 && (t.target ?? []).every(entering),
      ),
    );
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of nodes) {
      // Which compound states can complete (reach a final child) from their initial state, as far as known.
      if (node.type === 'compound' && !completes.has(node)) {
        const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
        if (initial && reachesFinalChild(initial, node, avoiding, completes)) {
          completes.add(node);
          changed = true;
        }
      }
      if (node.type === 'parallel' && !completes.has(node) && (Object.values(node.states) as AnyStateNode[]).every((region) => completes.has(region))) {
        completes.add(node);
        changed = true;
      }
      if (good.has(node)) continue;
      let ok = false;
      if (node.type === 'final') {
        const parent = node.parent as AnyStateNode;
        if (parent === machine.root) ok = true;
        else ok = done(parent, good, completes, avoiding);
      } else if (node.type === 'compound') {
        const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
        ok = (initial !== undefined && good.has(initial)) || exits(node);
      } else if (node.type === 'parallel') {
        ok = (completes.has(node) && done(node, good, completes, avoiding)) || exits(node);
      } else {
        ok = exits(node);
      }
      if (ok) {
        good.add(node);
        changed = true;
      }
    }
  }
  return good;
}

/** When `node` completes (a final child reached; for a parallel state, every region), can the machine still end? */
function done(node: AnyStateNode, good: Set<AnyStateNode>, completes: Set<AnyStateNode>, avoiding: ReadonlySet<string>): boolean {
  const parent = node.parent;
  if (!parent) return true;
  const onDone = transitionsOf(node).filter((t) => t.eventType.startsWith('xstate.done.state.'));
  if (onDone.some((t) => !avoiding.has(t.eventType) && (t.target ?? []).some((target) => good.has(target)))) return true;
  // A region of a parallel state: the parallel state completes when every region has.
  if (parent.type === 'parallel') {
    return completes.has(parent) && done(parent, good, completes, avoiding);
  }
  return false;
}

/** Whether, from `start` inside `region`, a final child of `region` can be reached by transitions within it. */
function reachesFinalChild(start: AnyStateNode, region: AnyStateNode, avoiding: ReadonlySet<string>, completes: Set<AnyStateNode>): boolean {
  const seen = new Set<AnyStateNode>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.pop() as AnyStateNode;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.type === 'final' && node.parent === region) return true;
    // Inside a nested compound or parallel state, its completion leads on through its onDone.
    const nested = node.type === 'compound' || node.type === 'parallel';
    const nestedDone =
      nested && (node.type === 'compound' ? completes.has(node) : (Object.values(node.states) as AnyStateNode[]).every((r) => completes.has(r)));
    for (const t of transitionsOf(node)) {
      if (avoiding.has(t.eventType)) continue;
      if (t.eventType.startsWith('xstate.done.state.') && !nestedDone) continue;
      for (const target of t.target ?? []) if (isDescendant(target, region)) queue.push(target);
    }
    if (node.type === 'compound') {
      const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
      if (initial) queue.push(initial);
    }
    // Children of the node can use its parent's transitions; leaves reach their parent's onDone via final states.
    if (node.type === 'final' && node.parent && node.parent !== region) {
      for (const t of transitionsOf(node.parent)) {
        if (t.eventType.startsWith('xstate.done.state.') && !avoiding.has(t.eventType)) for (const target of t.target ?? []) if (isDescendant(target, region)) queue.push(target);
      }
    }
    for (let holder = node.parent; holder && holder !== region; holder = holder.parent) {
      for (const t of transitionsOf(holder)) {
        if (avoiding.has(t.eventType) || t.eventType.startsWith('xstate.done.state.')) continue;
        for (const target of t.target ?? []) if (isDescendant(target, region)) queue.push(target);
      }
    }
  }
  return false;
}

function isDescendant(node: AnyStateNode, ancestor: AnyStateNode): boolean {
  for (let current: AnyStateNode | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Dead ends: states entered from the start that can no longer reach the end. */
function deadEnds(machine: AnyStateMachine, nodes: readonly AnyStateNode[]): Finding[] {
  const good = canEnd(machine, nodes, new Set());
  return nodes
    .filter((node) => node.type === 'atomic' && !good.has(node))
    .map((node) => ({
      severity: 'error' as const, rule: 'cannot-reach-end',
      path: where(node),
      message: 'from here the incident can never reach its end: no way out leads to a final state (a dead end, or a circle with no exit)',
      fix: 'add a transition from here (or from the workstream around it) that leads on towards a final state',
    }));
}

/** Whether the machine can reach its end from the start without taking any of `avoiding`. */
function finishes(machine: AnyStateMachine, nodes: readonly AnyStateNode[], avoiding: ReadonlySet<string>): boolean {
  const good = canEnd(machine, nodes, avoiding);
  const initial = machine.root.initial?.target?.[0] as AnyStateNode | undefined;
  return initial !== undefined && good.has(initial);
}
