import type { StepMeta } from './stepMeta.ts';

/**
 * Small helpers for writing playbooks, exported from `irp/playbook`, so that a playbook reads as what it means and an
 * NHS author can edit it without counting milliseconds or copying the same shape ten times.
 */

const MINUTE = 60_000;

/** A delay for an `after` transition, written as what it is: `after: { [days(14)]: … }`. */
export const minutes = (count: number): string => String(count * MINUTE);
export const hours = (count: number): string => String(count * 60 * MINUTE);
export const days = (count: number): string => String(count * 24 * 60 * MINUTE);

/**
 * A notification workstream: one step that waits for the notification to be made (or decided against), then done.
 * `on` names the decisions that end it, each targeting `'done'`:
 *
 * @example
 * ncsc: notification({
 *   title: 'Report to the NCSC', role: 'incident-commander', instructions: 'Report the incident…',
 *   record: [{ id: 'ncscReference', label: 'NCSC reference' }],
 *   on: { NCSC_NOTIFIED: { target: 'done', description: 'NCSC notified' } },
 * }),
 */
export function notification<On extends Record<string, { target: 'done'; description: string; guard?: string }>>(
  step: StepMeta & { on: On },
) {
  const { on, ...meta } = step;
  return {
    initial: 'pending' as const,
    states: {
      pending: { meta: meta as StepMeta, on },
      done: { type: 'final' as const },
    },
  };
}
