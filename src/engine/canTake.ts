import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';

/**
 * Whether the machine accepts an event now. XState's `can` says no to a transition that has neither a target nor
 * actions, since it changes nothing in the machine; in a playbook such a transition still means something: it
 * records the facts in its payload ("record the systems affected"). So those count as available too.
 */
export function canTake(snapshot: AnyMachineSnapshot, event: { type: string }): boolean {
  if (snapshot.can(event as never)) return true;
  const candidates = getNextTransitions(snapshot).filter((transition) => transition.eventType === event.type);
  return (
    candidates.length > 0 &&
    candidates.every((transition) => transition.target === undefined && transition.actions.length === 0 && transition.guard === undefined)
  );
}
