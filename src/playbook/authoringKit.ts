import type { FieldMeta } from './fieldMeta.ts';
import { z, type ZodType } from 'zod';
import type { StepMeta } from './stepMeta.ts';
import type { DutySpecInput } from './dutySpec.ts';

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
      pending: { meta: { ...meta, notification: true } as StepMeta, on },
      done: { type: 'final' as const },
    },
  };
}

/** A field of a decision's data: its schema and the label people read for it. */
export interface Field<T extends ZodType = ZodType> {
  schema: T;
  label: string;
}

/**
 * Declares a field once, with its label and, optionally, the question the runner asks for it, a hint of the
 * expected form, and `confirm: 'type'` for a yes/no that unlocks a safety gate (see {@link FieldMeta}):
 * `field(z.number().min(0).max(100), 'Share of the estate affected (%)', { question: 'What share of the estate is affected?' })`.
 */
export const field = <T extends ZodType>(schema: T, label: string, ask: Omit<FieldMeta, 'title'> = {}): Field<T> => ({
  schema: schema.meta({ ...ask, title: label }) as T,
  label,
});

/**
 * A decision's data declared once: `schema` for `events`, `record` for the step's recorded facts (each field with
 * its label), and `read(event)` for guards and `assign` actions, typed from the schema, so that a playbook needs no
 * casts:
 *
 * @example
 * const scope = payload({ personalDataInvolved: field(z.enum(['yes', 'no', 'unknown']), 'Personal data involved') });
 * // events: { SCOPE_ASSESSED: { payload: scope.schema } }; meta: { record: scope.record }
 * // guard: ({ event }) => scope.read(event).personalDataInvolved === 'yes'
 */
export function payload<F extends Record<string, Field>>(fields: F) {
  const shape = Object.fromEntries(Object.entries(fields).map(([id, declared]) => [id, declared.schema])) as { [K in keyof F]: F[K]['schema'] };
  const schema = z.object(shape);
  type Data = z.infer<typeof schema>;
  return {
    schema,
    record: Object.entries(fields).map(([id, declared]) => ({ id, label: declared.label })),
    /** The decision's data, as the event that carries it (checked against `schema` before it was recorded). */
    read: (event: unknown): Partial<Data> => (typeof event === 'object' && event !== null ? (event as Partial<Data>) : {}),
  };
}

/**
 * A duty the incident owes each organisation of its register, declared once (irp keeps it for every organisation,
 * and every product where it is owed per product), typed so that its clock needs no `as const`:
 *
 * @example
 * duty({ id: 'availability-notice', label: 'Told of the outage', short: 'Told',
 *   clock: { starts: { on: 'awareness' }, runs: { withoutUndueDelay: true, targetHours: 24 }, contractWindow: true, source },
 *   asks: 'Invoke your business continuity plan…' }),
 */
export const duty = (spec: DutySpecInput): DutySpecInput => spec;
