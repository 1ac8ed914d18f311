import { allStateNodes, pathOf, type LoadedPlaybook } from './loadedPlaybook.ts';
import type { Step } from './stepMeta.ts';

/** What a code written on paper stands for: an item of a step's checklist ticked, or a decision taken. */
export type PaperCode = { kind: 'tick'; step: string; item: string } | { kind: 'decide'; event: string };

export interface PaperStep {
  /** `S4`: steps numbered in the playbook's order. */
  code: string;
  path: string;
  step: Step;
  /** `S4.2`: the step's checklist items, numbered. */
  items: Array<{ code: string; id: string; text: string; required: boolean }>;
  /** The decisions the step offers, each with its code (`D7`). */
  decisions: Array<{ code: string; event: string }>;
}

/** A playbook's steps with their codes, and what each code stands for. */
export interface PaperCodes {
  steps: PaperStep[];
  codes: Map<string, PaperCode>;
}

/**
 * The short codes of a playbook, for action cards and a paper log typed up afterwards: steps `S1`, `S2`… in the
 * playbook's order, their checklist items `S1.1`, `S1.2`…, and decisions `D1`, `D2`… in the order they first appear.
 * They follow from the playbook alone, so that the cards printed before an outage and the log typed up after it
 * agree for the same version of the playbook.
 */
export function paperCodes(playbook: LoadedPlaybook): PaperCodes {
  const steps: PaperStep[] = [];
  const codes = new Map<string, PaperCode>();
  const decisionCodes = new Map<string, string>();
  for (const node of allStateNodes(playbook.machine)) {
    const path = pathOf(node);
    const step = playbook.steps.get(path);
    if (!step) continue;
    const code = `S${steps.length + 1}`;
    const items = step.checklist.map((item, index) => ({ code: `${code}.${index + 1}`, id: item.id, text: item.text, required: item.required }));
    for (const item of items) codes.set(item.code, { kind: 'tick', step: path, item: item.id });
    const decisions: PaperStep['decisions'] = [];
    for (const [event, transitions] of node.transitions) {
      if (event.startsWith('xstate.') || event === '*' || transitions.length === 0) continue;
      let eventCode = decisionCodes.get(event);
      if (eventCode === undefined) {
        eventCode = `D${decisionCodes.size + 1}`;
        decisionCodes.set(event, eventCode);
        codes.set(eventCode, { kind: 'decide', event });
      }
      decisions.push({ code: eventCode, event });
    }
    steps.push({ code, path, step, items, decisions });
  }
  return { steps, codes };
}
