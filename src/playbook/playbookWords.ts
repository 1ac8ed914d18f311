import type { LoadedPlaybook } from './loadedPlaybook.ts';
import { decisionLabels } from './decisionLabels.ts';
import { fieldLabel } from './fieldMeta.ts';
import { payloadShape } from './payloadShape.ts';

/**
 * The words people read for a playbook's ids: steps by title, checklist items by text, decisions and payload
 * fields by label, roles and clocks by name. Without a playbook (a record read alone) the ids stand for themselves.
 */
export interface PlaybookWords {
  /** Whether these are the ids themselves (written bare) rather than titles (written in quotes). */
  ids: boolean;
  step(path: string): string;
  item(step: string, id: string): string;
  decision(event: string): string;
  field(event: string | undefined, id: string): string;
  role(id: string): string;
  clock(id: string): string;
  duty(id: string): string;
}

const cache = new WeakMap<LoadedPlaybook, PlaybookWords>();

export function playbookWords(playbook: LoadedPlaybook | undefined): PlaybookWords {
  if (!playbook) return IDS;
  const known = cache.get(playbook);
  if (known) return known;
  const decisions = decisionLabels(playbook);
  const facts = new Map<string, string>();
  for (const step of playbook.steps.values()) for (const fact of step.record) facts.set(fact.id, fact.label);
  const words: PlaybookWords = {
    ids: false,
    step: (path) => playbook.steps.get(path)?.title ?? playbook.phases.get(path) ?? path,
    item: (step, id) => playbook.steps.get(step)?.checklist.find((item) => item.id === id)?.text ?? id,
    decision: (event) => decisions.get(event) ?? event,
    field: (event, id) => {
      const shape = event ? payloadShape(playbook.events[event]?.payload) : undefined;
      return facts.get(id) ?? fieldLabel(id, shape?.[id]);
    },
    role: (id) => playbook.roles[id] ?? id,
    clock: (id) => playbook.clocks.find((clock) => clock.id === id)?.label ?? id,
    duty: (id) => playbook.duties.find((duty) => duty.id === id)?.label ?? id,
  };
  cache.set(playbook, words);
  return words;
}

const IDS: PlaybookWords = {
  ids: true,
  step: (path) => path,
  item: (_step, id) => id,
  decision: (event) => event,
  field: (_event, id) => id,
  role: (id) => id,
  clock: (id) => id,
  duty: (id) => id,
};

/** The question asking for a decision's rationale: the playbook's own, or the plain one. */
export function rationaleQuestion(asked: true | string): string {
  return asked === true ? 'Why this decision? (the rationale, in your words, for the decision log)' : asked;
}
