import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

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
  const { scope, collected } = scopeOf(machine);
  const next = machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
  return [next, collected.splice(0)];
}
