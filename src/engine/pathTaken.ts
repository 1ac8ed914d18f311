import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { applyEvent, foldEvents } from './deriveIncident.ts';
import { activeLeafPaths } from './statePaths.ts';

/** Where an incident has been in its playbook: the states it entered, the moves it made, where it is now. */
export interface PathTaken {
  visited: Set<string>;
  moves: Array<{ from: string; to: string; event: string }>;
  active: string[];
}

/**
 * The path an incident took through its playbook, from its record: each entry replayed in turn, and every state
 * it left and entered noted, for a diagram that shows where the incident is and how it got there.
 */
export function pathTaken(playbook: LoadedPlaybook, events: readonly RecordedEvent[]): PathTaken {
  const fold = foldEvents(playbook, events.slice(0, 1));
  let before = activeLeafPaths(fold.snapshot.value);
  const visited = new Set(before);
  const moves: PathTaken['moves'] = [];
  for (const event of events.slice(1)) {
    applyEvent(fold, event);
    const after = activeLeafPaths(fold.snapshot.value);
    const left = before.filter((path) => !after.includes(path));
    const entered = after.filter((path) => !before.includes(path));
    const type = event.kind === 'decision' ? event.data.event : event.kind === 'timer.fired' ? event.data.event : '';
    for (const from of left) for (const to of entered.length > 0 ? entered : ['(end)']) moves.push({ from, to, event: type });
    for (const path of after) visited.add(path);
    before = after;
  }
  // Where it is: the steps active now (a workstream that has finished is in its final state, which is no step).
  return { visited, moves, active: fold.snapshot.status === 'done' ? [] : before.filter((path) => playbook.steps.has(path)) };
}
