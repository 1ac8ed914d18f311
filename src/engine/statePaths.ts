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
