import { z } from 'zod';

/**
 * Which payload fields of a playbook's decisions fill the parts of a notification draft. Fields left out (or not
 * yet recorded) appear in the draft as gaps for the commander to complete.
 */
export const draftFactsSchema = z.strictObject({
  systems: z.string().optional(),
  estateShare: z.string().optional(),
  personalData: z.string().optional(),
  peopleAffected: z.string().optional(),
  /** The categories of people affected (patients, service users, staff), for a personal data breach report. */
  dataSubjects: z.string().optional(),
  /** The kinds and approximate number of records affected. */
  recordsAffected: z.string().optional(),
  /**
   * When the incident occurred, as found (not when the organisation became aware of it): what NIS reg. 11(3)(a)(ii)
   * and 12(5)(b) ask for.
   */
  occurredAt: z.string().optional(),
});

export type DraftFacts = z.infer<typeof draftFactsSchema>;
