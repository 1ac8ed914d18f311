import { setup } from 'xstate';
import { z } from 'zod';
import type { ClockSpec, StepMeta } from '../../src/playbook/definePlaybook.ts';
import type { LoadedPlaybook } from '../../src/playbook/loadedPlaybook.ts';
import type { PlaybookSource } from '../../src/playbook/playbookCatalog.ts';
import { validatePlaybook } from '../../src/playbook/validatePlaybook.ts';

export const HOUR = 3_600_000;

/**
 * A playbook for the rules about time: after a declaration, three workstreams run side by side: a helpdesk
 * waiting 4 h for an answer (then escalating), work that can be paused and resumed where it was (a history
 * state inside a nested phase), and an ICO report whose clock starts at the moment of awareness of a personal
 * data breach and whose waiver re-opens if personal data turns out to be involved.
 */
export function timePlaybook(): LoadedPlaybook {
  const step = (title: string, checklist: Array<{ id: string; text: string }> = []): StepMeta => ({ title, instructions: `${title}.`, role: 'lead', checklist });
  const machine = setup({ types: { meta: {} as StepMeta } }).createMachine({
    id: 'time',
    initial: 'triage',
    states: {
      triage: { meta: step('Triage', [{ id: 'seen', text: 'Seen' }]), on: { DECLARE: { target: 'respond', description: 'Declare' } } },
      respond: {
        meta: { title: 'Respond' },
        type: 'parallel',
        onDone: 'review',
        states: {
          helpdesk: {
            meta: { title: 'Helpdesk' },
            initial: 'waiting',
            states: {
              waiting: {
                meta: step('Waiting for the helpdesk'),
                after: { [4 * HOUR]: { target: 'escalated', description: 'No answer from the helpdesk in 4 h' } },
                on: { ANSWERED: { target: 'answered', description: 'The helpdesk answered' } },
              },
              escalated: { meta: step('Escalated to the on-call manager'), on: { ANSWERED: { target: 'answered', description: 'The helpdesk answered' } } },
              answered: { type: 'final' },
            },
          },
          work: {
            meta: { title: 'Work' },
            initial: 'phase',
            states: {
              phase: {
                meta: { title: 'Phase' },
                initial: 'a',
                on: { PAUSE: { target: 'paused', description: 'Pause the work' }, FINISH: { target: 'finished', description: 'Finish the work' } },
                states: {
                  a: { meta: step('Work A'), on: { NEXT: { target: 'b', description: 'On to B' } } },
                  b: { meta: step('Work B'), on: { NEXT: { target: 'a', description: 'Back to A' } } },
                  last: { type: 'history' },
                },
              },
              paused: { meta: step('Work paused'), on: { RESUME: { target: 'phase.last', description: 'Resume where the work was' } } },
              finished: { type: 'final' },
            },
          },
          notify: {
            meta: { title: 'Notify' },
            initial: 'ico',
            states: {
              ico: {
                meta: { ...step('Report to the ICO'), record: [{ id: 'personalData', label: 'Personal data involved' }] },
                on: {
                  SCOPED: { description: 'Record the scope' },
                  ICO_NOTIFIED: { target: 'told', description: 'ICO told' },
                  ICO_NOT_REQUIRED: { target: 'told', description: 'ICO not required' },
                },
              },
              told: { type: 'final' },
            },
          },
        },
      },
      review: { meta: step('Review'), on: { CLOSE: { target: 'closed', description: 'Close' } } },
      closed: { type: 'final' },
    },
  });
  const clocks: ClockSpec[] = [
    {
      id: 'ico',
      label: 'Personal data breach report to the ICO',
      source: { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' },
      recipient: 'ICO',
      starts: { on: 'moment', moment: 'personal-data-breach', label: 'Aware of a personal data breach' },
      runs: { hours: 72 },
      stops: { event: 'ICO_NOTIFIED', reference: 'ref' },
      waivedBy: { event: 'ICO_NOT_REQUIRED', reason: 'reason', reopensIf: { fact: 'personalData', values: ['yes'] } },
    },
    {
      id: 'csoc',
      label: 'Report to the CSOC',
      source: { law: 'Internal target', url: 'https://example.org/csoc' },
      recipient: 'CSOC',
      starts: { on: 'awareness' },
      runs: { withoutUndueDelay: true, targetHours: 1 },
      stops: { event: 'DECLARE' },
      lateNeedsReason: false,
    },
  ];
  const check = validatePlaybook(
    {
      id: 'time',
      version: '1.0.0',
      title: 'Time',
      summary: 'Rules about time.',
      roles: { lead: 'Lead' },
      events: {
        SCOPED: { payload: z.object({ personalData: z.enum(['yes', 'no', 'unknown']) }) },
        ICO_NOTIFIED: { payload: z.object({ ref: z.string().min(1) }) },
        ICO_NOT_REQUIRED: { payload: z.object({ reason: z.string().min(1) }) },
      },
      clocks,
      draftFacts: { personalData: 'personalData' },
      machine,
    },
    'time',
  );
  if (!check.ok) throw new Error(check.problems.join('\n'));
  return { ...check.playbook, file: 'time.ts', sourceHash: 'e'.repeat(64) };
}

/** A catalogue of in-memory playbooks, for the API. */
export function catalogOf(...playbooks: LoadedPlaybook[]): PlaybookSource {
  return {
    ids: () => playbooks.map((p) => p.id),
    load: async (id) => {
      const found = playbooks.find((p) => p.id === id);
      if (!found) throw new Error(`no playbook ${id}`);
      return found;
    },
  };
}
