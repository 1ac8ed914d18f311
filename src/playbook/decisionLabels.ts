import { allStateNodes, type LoadedPlaybook } from './loadedPlaybook.ts';

/** Each decision's label for people: its transitions' description, or the label declared with its payload. */
export function decisionLabels(playbook: LoadedPlaybook): Map<string, string> {
  const labels = new Map<string, string>();
  for (const node of allStateNodes(playbook.machine)) {
    for (const transition of [...node.transitions.values()].flat()) {
      if (transition.description && !labels.has(transition.eventType)) labels.set(transition.eventType, transition.description);
    }
  }
  for (const [type, spec] of Object.entries(playbook.events)) if (spec.label && !labels.has(type)) labels.set(type, spec.label);
  return labels;
}
