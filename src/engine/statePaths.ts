import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';

/** Paths of the active leaf states of a snapshot (`respond.scope`, `respond.notify.ncsc`), in document order. */
export function activeLeafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value).flatMap(([key, child]) =>
    child === undefined ? [] : activeLeafPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** The active leaves that are steps (final states are not). */
export function activeStepPaths(playbook: LoadedPlaybook, snapshot: AnyMachineSnapshot): string[] {
  return activeLeafPaths(snapshot.value).filter((path) => playbook.steps.has(path));
}

/** Whether two state values name the same active states (a transition that stays put makes a new, equal value). */
export function sameStateValue(a: StateValue, b: StateValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const left = a[key];
    const right = b[key];
    if (left === undefined || right === undefined ? left !== right : !sameStateValue(left, right)) return false;
  }
  return true;
}
