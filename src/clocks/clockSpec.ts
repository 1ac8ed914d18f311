import { z } from 'zod';

const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).min(1, 'must not be empty');

/**
 * A statutory or contractual clock, as playbook data: what law sets it, whom it is owed to, what starts it, how
 * long it runs and which decision stops it. A catalogue of these lives in `playbooks/_uk-clocks.ts`; playbooks pick
 * from it, and an organisation adjusts it there, never in the engine.
 */
export const clockSpecSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
  label: text(),
  source: z.strictObject({ law: text(), url: z.url({ error: 'must be a link to the source' }) }),
  /** Who must be told. */
  recipient: text(),
  /** The clock starts at the recorded moment of awareness, or when a decision records a fact with one of `values`. */
  starts: z.union([
    z.strictObject({ on: z.literal('awareness') }),
    z.strictObject({ on: z.literal('fact'), fact: text(), values: z.array(z.unknown()).min(1) }),
  ]),
  /** How long it runs: a fixed number of hours, or "without undue delay" with an internal target. */
  runs: z.union([
    z.strictObject({ hours: z.number().positive() }),
    z.strictObject({ withoutUndueDelay: z.literal(true), targetHours: z.number().positive() }),
  ]),
  /** The decision that records the notification, and the payload field holding the reference received. */
  stops: z.strictObject({ event: text(), reference: z.string().optional() }),
  /** A decision recording that the notification is not required (with its reason); stops the clock as waived. */
  waivedBy: z.strictObject({ event: text(), reason: z.string().optional() }).optional(),
  /** When the clock counts as due soon, in hours before the deadline (default: a quarter of its length). */
  dueSoonHours: z.number().positive().optional(),
  /** Whether a late notification needs a recorded reason (UK GDPR Art. 33(1) requires one). */
  lateNeedsReason: z.boolean().default(true),
});

export type ClockSpec = z.input<typeof clockSpecSchema>;
export type Clock = z.output<typeof clockSpecSchema>;

/** Hours the clock allows: the fixed limit, or the internal target for "without undue delay". */
export function clockHours(clock: Clock): number {
  return 'hours' in clock.runs ? clock.runs.hours : clock.runs.targetHours;
}
