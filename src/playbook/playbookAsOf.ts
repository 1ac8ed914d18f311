import { clockAsOf, namesAsOf } from '../clocks/clockSpec.ts';
import type { LoadedPlaybook } from './loadedPlaybook.ts';

/** The dated forms of each playbook already made, by the `until` dates that applied: the same object each time. */
const dated = new WeakMap<LoadedPlaybook, Map<string, LoadedPlaybook>>();

/**
 * The playbook with its clocks as they were for an incident aware at `awareAt`: a body renamed since (Action Fraud,
 * now Report Fraud) is named as it was then, so that an exercise set in 2022 says what 2022 said. The playbook
 * itself when no clock has an earlier name that applies; the same object for the same names, so that what is kept
 * per playbook (derived incidents, answers of its functions) is kept once.
 */
export function playbookAsOf(playbook: LoadedPlaybook, awareAt: Date): LoadedPlaybook {
  const applies = playbook.clocks.flatMap((clock) => {
    const names = namesAsOf(clock, awareAt);
    return names ? [`${clock.id}<${names.until}`] : [];
  });
  if (applies.length === 0) return playbook;
  const key = applies.join(' ');
  const forms = dated.get(playbook) ?? new Map<string, LoadedPlaybook>();
  dated.set(playbook, forms);
  const known = forms.get(key);
  if (known) return known;
  const clocks = playbook.clocks.map((clock) => clockAsOf(clock, awareAt));
  const form: LoadedPlaybook = { ...playbook, clocks, indexedClocks: playbook.indexedClocks.map((clock) => clocks.find((c) => c.id === clock.id) ?? clock) };
  forms.set(key, form);
  return form;
}
