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
});

export type DraftFacts = z.infer<typeof draftFactsSchema>;
