import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type EventObject } from 'xstate';

/**
 * XState's pure `transition` and `initialTransition`, with the actor scope kept per machine. XState builds a new
 * inert actor (and an actor system) for every call, which was most of the time spent replaying a record; the scope
 * only collects the actions a step would run, and a playbook invokes and spawns no actors, so one scope serves
 * every step of every incident under the same machine. Pure like the originals: nothing is executed, and the
 * actions (delayed raises for `after` timers, cancels) come back to the caller.
 */
interface Scope {
  scope: AnyActorScope;
  collected: unknown[];
}

const scopes = new WeakMap<AnyStateMachine, Scope>();

function scopeOf(machine: AnyStateMachine): Scope {
  let found = scopes.get(machine);
  if (!found) {
    const collected: unknown[] = [];
    const self = createActor(machine);
    const scope = {
      self,
      defer: () => undefined,
      id: '',
      logger: () => undefined,
      sessionId: '',
      stopChild: () => undefined,
      system: self.system,
      emit: () => undefined,
      actionExecutor: (action: unknown) => void collected.push(action),
    } as unknown as AnyActorScope;
    found = { scope, collected };
    scopes.set(machine, found);
  }
  found.collected.length = 0;
  return found;
}

/** The machine's first snapshot and the actions entering it would run. */
export function initialStep(machine: AnyStateMachine): [AnyMachineSnapshot, unknown[]] {
  const { scope, collected } = scopeOf(machine);
  const snapshot = machine.getInitialSnapshot(scope, undefined) as AnyMachineSnapshot;
  return [snapshot, collected.splice(0)];
}

/** The snapshot after `event`, and the actions the step would run. */
export function machineStep(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, unknown[]] {
  const quick = assignOnlyStep(machine, snapshot, event);
  if (quick) return [quick, []];
  return xstateStep(machine, snapshot, event);
}

/** XState's own step, always (what `machineStep` gives when its quick step does not apply; tests compare the two). */
export function xstateStep(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, unknown[]] {
  const { scope, collected } = scopeOf(machine);
  const next = machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
  return [next, collected.splice(0)];
}

interface TransitionLike {
  target?: readonly unknown[] | undefined;
  guard?: unknown;
  actions?: readonly unknown[];
  reenter?: boolean;
}

/** Whether a machine has eventless (`always`) transitions or history states anywhere: then there is no quick step. */
const plainMachines = new WeakMap<AnyStateMachine, boolean>();
function isPlain(machine: AnyStateMachine): boolean {
  let plain = plainMachines.get(machine);
  if (plain === undefined) {
    const visit = (node: AnyStateNode): boolean =>
      node.type !== 'history' && (node.always ?? []).length === 0 && (Object.values(node.states) as AnyStateNode[]).every(visit);
    plain = visit(machine.root);
    plainMachines.set(machine, plain);
  }
  return plain;
}

/**
 * The quick step for the commonest decision in a long record: one that records data without moving (a backup set
 * checked, a customer reconnected), a targetless, unguarded transition whose actions are only `assign({ … })`.
 * XState would run its whole macrostep for it (most of the time spent replaying); the outcome is the same snapshot
 * with the assignments applied, which is what this gives. Anything else (a target, a guard, another action, two
 * regions taking the event, eventless transitions or history in the machine) returns `undefined`, and XState steps.
 * A test replays records both ways and compares every snapshot.
 */
export function assignOnlyStep(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | undefined {
  if (event.type.startsWith('xstate.') || snapshot.status !== 'active' || !isPlain(machine)) return undefined;
  const leaves = ((snapshot as unknown as { _nodes: AnyStateNode[] })._nodes ?? []).filter((node) => node.type === 'atomic' || node.type === 'final');
  let found: TransitionLike | undefined;
  for (const leaf of leaves) {
    for (let node: AnyStateNode | undefined = leaf; node; node = node.parent) {
      const candidates = (node.transitions.get(event.type) ?? node.transitions.get('*')) as TransitionLike[] | undefined;
      if (!candidates || candidates.length === 0) continue;
      if (candidates.length !== 1 || found) return undefined; // guarded choices, or two regions taking the event
      found = candidates[0];
      break;
    }
  }
  if (!found || found.guard !== undefined || (found.target ?? []).length > 0 || found.reenter) return undefined;
  let context = snapshot.context as Record<string, unknown>;
  for (const action of found.actions ?? []) {
    const assignment = (action as { type?: string; assignment?: unknown }).type === 'xstate.assign' ? (action as { assignment: unknown }).assignment : undefined;
    if (typeof assignment !== 'object' || assignment === null) return undefined;
    const update: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(assignment)) update[key] = typeof value === 'function' ? value({ context, event }) : value;
    context = { ...context, ...update };
  }
  return Object.assign(Object.create(Object.getPrototypeOf(snapshot) as object), snapshot, { context }) as AnyMachineSnapshot;
}
