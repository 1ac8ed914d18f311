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
  /** A name of at most 28 characters for narrow screens (the runner's header), such as "ICO (UK GDPR Art. 33)". */
  short: z.string().min(1).max(28, 'must be at most 28 characters').optional(),
  /**
   * What starts the clock:
   * - `awareness`: the incident's recorded moment of awareness;
   * - `moment`: a named moment of awareness recorded later in the incident ("aware of a personal data breach").
   *   Until it is recorded the clock runs from the incident's awareness, the earliest it could have started;
   * - `fact`: the entry that records a fact with one of `values` (its latest value, corrections included).
   */
  starts: z.union([
    z.strictObject({ on: z.literal('awareness') }),
    z.strictObject({
      on: z.literal('moment'),
      moment: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
      label: text(),
    }),
    z.strictObject({ on: z.literal('fact'), fact: text(), values: z.array(z.unknown()).min(1) }),
  ]),
  /** How long it runs: a fixed number of hours, or "without undue delay" with an internal target. */
  runs: z.union([
    z.strictObject({ hours: z.number().positive() }),
    z.strictObject({ withoutUndueDelay: z.literal(true), targetHours: z.number().positive() }),
  ]),
  /** The decision that records the notification, and the payload field holding the reference received. */
  stops: z.strictObject({ event: text(), reference: z.string().optional() }),
  /**
   * A decision recording that the notification is not required (with its reason); stops the clock as waived.
   * The waiver is re-opened when the record later contradicts it: the clock's own start moment is recorded, or
   * the fact named in `reopensIf` takes one of its values.
   */
  waivedBy: z
    .strictObject({
      event: text(),
      reason: z.string().optional(),
      reopensIf: z.strictObject({ fact: text(), values: z.array(z.unknown()).min(1) }).optional(),
    })
    .optional(),
  /**
   * What a report to this recipient must say, for its draft: `personal-data-breach` (UK GDPR Art. 33(3)), `nis`
   * (NIS Regulations reg. 11(3) and 12(5)), `cyber` (a cyber security centre), `crime` (the police or the NCA),
   * `people` (plain words for the people affected, Art. 34(2)), or `general` (the default).
   */
  form: z.enum(['personal-data-breach', 'nis', 'cyber', 'crime', 'people', 'general']).default('general'),
  /** When the clock counts as due soon, in hours before the deadline (default: a quarter of its length). */
  dueSoonHours: z.number().positive().optional(),
  /**
   * Whether the duty is set by law (shown first wherever clocks compete for room). By default a clock is statutory
   * when its source is legislation (legislation.gov.uk); a contractual standard or a voluntary report is not.
   */
  statutory: z.boolean().optional(),
  /** Whether a late notification needs a recorded reason (UK GDPR Art. 33(1) requires one). */
  lateNeedsReason: z.boolean().default(true),
  /**
   * The names the duty had before a date, for incidents (and exercises set in the past) whose awareness came before
   * it: a body renamed or replaced ("Action Fraud" until Report Fraud took over on 4 December 2025). Each applies to
   * an incident aware before its `until` (an ISO date, London midnight taken as UTC: the day it changed); the
   * earliest that applies wins.
   */
  before: z
    .array(
      z.strictObject({
        until: z.iso.date({ error: 'must be a date, YYYY-MM-DD' }),
        label: text().optional(),
        recipient: text().optional(),
        short: z.string().min(1).max(28, 'must be at most 28 characters').optional(),
        source: z.strictObject({ law: text(), url: z.url({ error: 'must be a link to the source' }) }).optional(),
      }),
    )
    .optional(),
  /**
   * The settings of the incident under which the clock runs, chosen when it is opened (see the playbook's
   * `settings`): `{ nation: ['scotland'] }` runs only for an incident opened in Scotland. A clock without it always runs.
   */
  appliesWhen: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
  /**
   * Why the clock does not run when `appliesWhen` rules it out, for the reports' list of clocks not run ("assessed
   * against the CAF-aligned DSPT, which has no 12-hour report"). Left out, a clock ruled out is not mentioned (the
   * NIS authority of another nation).
   */
  notRunBecause: z.string().min(10, 'say why, in a sentence').optional(),
});

export type ClockSpec = z.input<typeof clockSpecSchema>;

/** The earlier names of a clock that apply to an incident aware at `awareAt` (the earliest that applies), if any. */
export function namesAsOf(clock: Clock, awareAt: Date): NonNullable<Clock['before']>[number] | undefined {
  return [...(clock.before ?? [])].sort((a, b) => a.until.localeCompare(b.until)).find((names) => awareAt.getTime() < Date.parse(`${names.until}T00:00:00Z`));
}

/** The clock as it stood for an incident aware at `awareAt`: its names and source of that time. */
export function clockAsOf(clock: Clock, awareAt: Date): Clock {
  const then = namesAsOf(clock, awareAt);
  if (!then) return clock;
  return {
    ...clock,
    ...(then.label ? { label: then.label } : {}),
    ...(then.recipient ? { recipient: then.recipient } : {}),
    ...(then.short ? { short: then.short } : {}),
    ...(then.source ? { source: then.source } : {}),
  };
}
export type Clock = z.output<typeof clockSpecSchema>;

/** Whether the clock runs for an incident with these settings (every setting it names has one of its choices). */
export function appliesUnder(clock: Clock, settings: Readonly<Record<string, string>>): boolean {
  return Object.entries(clock.appliesWhen ?? {}).every(([setting, choices]) => choices.includes(settings[setting] ?? ''));
}

/** A clock's name for narrow places: its `short`, else its recipient without the part in brackets. */
export function shortName(clock: { short?: string | undefined; recipient: string }): string {
  return clock.short ?? clock.recipient.replace(/\s*\(.*\)\s*$/, '');
}

/** Whether the clock's duty is set by law: as the playbook says, or by default when its source is legislation. */
export function isStatutory(clock: Clock): boolean {
  if (clock.statutory !== undefined) return clock.statutory;
  try {
    return new URL(clock.source.url).hostname.replace(/^www\./, '') === 'legislation.gov.uk';
  } catch {
    return false;
  }
}

/** Hours the clock allows: the fixed limit, or the internal target for "without undue delay". */
export function clockHours(clock: Clock): number {
  return 'hours' in clock.runs ? clock.runs.hours : clock.runs.targetHours;
}

/** The moments of awareness a playbook's clocks start from, by id, with their labels. */
export function momentsOf(clocks: readonly Clock[]): Map<string, string> {
  const moments = new Map<string, string>();
  for (const clock of clocks) if (clock.starts.on === 'moment') moments.set(clock.starts.moment, clock.starts.label);
  return moments;
}
