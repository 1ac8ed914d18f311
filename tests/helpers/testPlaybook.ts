import { assign, setup } from 'xstate';
import { z } from 'zod';
import type { LoadedPlaybook } from '../../src/playbook/loadedPlaybook.ts';
import type { StepMeta } from '../../src/playbook/definePlaybook.ts';
import { validatePlaybook } from '../../src/playbook/validatePlaybook.ts';

/**
 * A small playbook exercising every engine feature: checklists, a parallel state, a guard fed by a payload and
 * a delayed transition.
 */
export function testPlaybook(): LoadedPlaybook {
  const machine = setup({
    types: { meta: {} as StepMeta, context: {} as { clean: boolean } },
    guards: { clean: ({ context }) => context.clean },
  }).createMachine({
    id: 'test',
    context: { clean: false },
    initial: 'triage',
    states: {
      triage: {
        meta: {
          title: 'Triage',
          instructions: 'Look.',
          role: 'lead',
          checklist: [
            { id: 'seen', text: 'Seen' },
            { id: 'extra', text: 'Extra', required: false },
          ],
        },
        after: { 3600000: { target: 'escalated', description: 'No decision within an hour' } },
        on: { GO: { target: 'work', description: 'Go' } },
      },
      escalated: {
        meta: { title: 'Escalated', instructions: 'Escalate.', role: 'lead' },
        on: { GO: { target: 'work', description: 'Go' } },
      },
      work: {
        meta: { title: 'Work' },
        type: 'parallel',
        onDone: 'restore',
        states: {
          left: {
            initial: 'doing',
            states: {
              doing: {
                meta: { title: 'Left', instructions: 'Left side.', role: 'lead', checklist: [{ id: 'seen', text: 'Seen left', required: false }], record: [{ id: 'count', label: 'Count' }] },
                on: { LEFT_DONE: { target: 'done', description: 'Left done' } },
              },
              done: { type: 'final' },
            },
          },
          right: {
            initial: 'doing',
            states: {
              doing: {
                meta: { title: 'Right', instructions: 'Right side.', role: 'helper', checklist: [{ id: 'seen', text: 'Seen too' }] },
                on: { RIGHT_DONE: { target: 'done', description: 'Right done' } },
              },
              done: { type: 'final' },
            },
          },
        },
      },
      restore: {
        meta: { title: 'Restore', instructions: 'Restore.', role: 'lead' },
        on: {
          CHECKED: { description: 'Checked', actions: assign({ clean: ({ event }) => (event as { clean?: boolean }).clean === true }) },
          RESTORE: { target: 'closed', guard: 'clean', description: 'Restore' },
        },
      },
      closed: { type: 'final' },
    },
  });
  const check = validatePlaybook(
    {
      id: 'test',
      version: '1.0.0',
      title: 'Test',
      summary: 'A test playbook.',
      roles: { lead: 'Lead', helper: 'Helper' },
      guards: { clean: 'checked clean first' },
      events: {
        LEFT_DONE: { payload: z.object({ count: z.number().int().min(0) }) },
        CHECKED: { payload: z.object({ clean: z.boolean() }) },
      },
      machine,
    },
    'test',
  );
  if (!check.ok) throw new Error(check.problems.join('\n'));
  return { ...check.playbook, file: 'test.ts', sourceHash: 'f'.repeat(64) };
}
