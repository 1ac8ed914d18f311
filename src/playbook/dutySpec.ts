import { z, type ZodType } from 'zod';
import { clockSpecSchema, type Clock } from '../clocks/clockSpec.ts';
import { ORGANISATION_KINDS } from '../record/organisation.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');
const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).min(1, 'must not be empty');

/**
 * A duty the incident owes each organisation of its register (or each of its products): telling it, telling it
 * its restore point, its Board's approval, its reconnection. A playbook declares it once; irp keeps it for every
 * organisation the register holds, each with its own clock where the duty has one.
 */
export const dutySpecSchema = z.strictObject({
  id,
  /** What doing it means, as people read it: "Told of the outage (a personal data breach)". */
  label: text(),
  /** A short name for tables (at most 16 characters): "Told", "Restore point". */
  short: z.string().min(1).max(16, 'must be at most 16 characters'),
  /** The kinds of organisation it is owed to (default: controllers). */
  appliesTo: z.array(z.enum(ORGANISATION_KINDS)).min(1).default(['controller']),
  /** Owed once for each product the organisation uses (its restore point, its reconnection), not once for it. */
  perProduct: z.boolean().default(false),
  /** Duties that must be recorded for the organisation (and product) first. */
  after: z.array(id).default([]),
  /**
   * When it falls due: what starts its clock (as for a playbook's clocks) and how long it runs, and the law that
   * sets it. With `contractWindow`, an organisation whose contract sets a shorter notice window (UK GDPR Art. 28)
   * has that window instead.
   */
  clock: z
    .strictObject({
      starts: clockSpecSchema.shape.starts,
      runs: clockSpecSchema.shape.runs,
      source: clockSpecSchema.shape.source,
      contractWindow: z.boolean().default(false),
    })
    .optional(),
  /** What a notice of this duty asks the organisation to do; a duty with this is sent as a signed notice. */
  asks: z.string().min(1).optional(),
});

export type DutySpecInput = z.input<typeof dutySpecSchema> & { payload?: ZodType<Record<string, unknown>> };
export type DutySpec = z.output<typeof dutySpecSchema> & { payload?: ZodType<Record<string, unknown>> | undefined };

/**
 * What a notice of a supplier's duty does in the incident of the organisation that receives it: records a moment
 * of awareness (when it was told), sets facts, or takes one of the playbook's decisions with fields filled from
 * the notice (`payload: { restorePoint: 'restorePoint' }` fills the decision's field from the notice's detail of
 * that name; `reference`, `toldAt` and `notice` (the sender's incident and entry) name the notice's own).
 */
export const noticeEffectSchema = z.strictObject({
  moment: id.optional(),
  sets: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  event: z.string().min(1).optional(),
  payload: z.record(z.string(), z.string().min(1)).optional(),
});
export type NoticeEffect = z.output<typeof noticeEffectSchema>;

/**
 * A duty's clock as a clock of the playbook's own form, so that its start is read from the record exactly as a
 * clock's is (the fold's clock index keeps what it needs). Its id is `duty:<id>`; it is never shown as a clock.
 */
export function dutyClockOf(duty: DutySpec): Clock | undefined {
  if (!duty.clock) return undefined;
  return {
    id: `duty-${duty.id}`,
    label: duty.label,
    source: duty.clock.source,
    recipient: 'each organisation',
    starts: duty.clock.starts,
    runs: duty.clock.runs,
    stops: { event: `duty:${duty.id}` },
    form: 'general',
    lateNeedsReason: false,
  };
}
