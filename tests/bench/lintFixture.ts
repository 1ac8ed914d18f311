import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A generated playbook of `regions` workstreams side by side, each a chain of `perRegion` steps with a guarded
 * decision, a labelled timer and a way back, then a review: about `regions × perRegion` states for `irp lint`.
 * One clock is recorded by the last step of the first workstream. Returns the file.
 */
export function writeLargePlaybook(dir: string, regions = 4, perRegion = 50): string {
  const region = (r: number) => {
    const steps: string[] = [];
    for (let i = 0; i < perRegion; i += 1) {
      const next = i + 1 < perRegion ? `s${i + 1}` : 'done';
      const event = r === 0 && i + 1 === perRegion ? 'TOLD' : `NEXT_${r}_${i}`;
      // The step that records the notification has no timer: no path may pass it by.
      const timer = event === 'TOLD' ? '' : `, after: { [hours(${i + 1})]: { target: '${next}', description: 'Time up' } }`;
      steps.push(
        `s${i}: { meta: step('Step ${r}.${i}'), on: { ${event}: { target: '${next}', guard: 'ready', description: 'On' }${i > 0 ? `, BACK_${r}_${i}: { target: 's${i - 1}', description: 'Back' }` : ''} }${timer} }`,
      );
    }
    return `r${r}: { meta: { title: 'Workstream ${r}' }, initial: 's0', states: { ${steps.join(',\n')}, done: { type: 'final' } } }`;
  };
  const source = `import { setup } from 'xstate';
import { definePlaybook, hours, type StepMeta } from 'irp/playbook';
const step = (title: string): StepMeta => ({ title, instructions: title + '.', role: 'lead', checklist: [{ id: 'done', text: 'Done' }] });
const machine = setup({ types: { meta: {} as StepMeta }, guards: { ready: () => true } }).createMachine({
  id: 'large',
  initial: 'respond',
  states: {
    respond: { meta: { title: 'Respond' }, type: 'parallel', onDone: 'review', states: { ${Array.from({ length: regions }, (_, r) => region(r)).join(',\n')} } },
    review: { meta: step('Review'), on: { CLOSE: { target: 'closed', description: 'Close' } } },
    closed: { type: 'final' },
  },
});
export default definePlaybook({
  id: 'large', version: '1.0.0', title: 'Large', summary: 'Generated for the lint benchmark.', roles: { lead: 'Lead' }, machine,
  guards: { ready: 'ready' },
  clocks: [{ id: 'ico', label: 'ICO', source: { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' }, recipient: 'ICO', starts: { on: 'awareness' }, runs: { hours: 72 }, stops: { event: 'TOLD' } }],
});
`;
  const file = join(dir, 'large.ts');
  writeFileSync(file, source);
  return file;
}
