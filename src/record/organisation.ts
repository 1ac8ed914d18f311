import { z } from 'zod';

/** The kinds of organisation a register holds; a playbook's duty applies to the kinds it names. */
export const ORGANISATION_KINDS = ['controller', 'nhs-body', 'care-provider', 'independent-provider', 'local-authority', 'regulator', 'supplier', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const NATIONS = ['England', 'Scotland', 'Wales', 'Northern Ireland'] as const;

/**
 * One organisation in an incident's register, as recorded: a customer that is a controller, an NHS body, a care
 * provider, a regulator. A group the supplier tells as one ("Caresys care homes", 1,000 of them) is one entry with
 * `members`. Recording an entry with an id already in the register replaces it (the record keeps both).
 */
export const organisationSchema = z.strictObject({
  /** Short and stable, used on the command line and in notices: lower-case letters, digits and hyphens. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and hyphens (at most 64)'),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  /** NHS Organisation Data Service code, where it has one. */
  ods: z.string().regex(/^[A-Z0-9]{3,10}$/, 'an ODS code is 3 to 10 capital letters and digits').optional(),
  nation: z.enum(NATIONS, { error: `must be one of ${NATIONS.join(', ')}` }),
  kinds: z.array(z.enum(ORGANISATION_KINDS, { error: `must be one of ${ORGANISATION_KINDS.join(', ')}` })).min(1, 'name at least one kind'),
  /** The supplier's products or services it uses. */
  products: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  /** The notice window its contract sets, in hours (UK GDPR Art. 28), where it has one. */
  noticeHours: z.number().positive().max(24 * 365).optional(),
  /** How to reach it: names, addresses, numbers. */
  contacts: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  /** A group told as one: how many organisations it stands for. */
  members: z.number().int().min(2).optional(),
  /** The fingerprint of the key it signs its acknowledgements with, where known. */
  key: z.string().regex(/^[0-9a-f]{16}$/, 'a key fingerprint is 16 hex digits').optional(),
  /** The name is made up (a rehearsal where no name is public). */
  invented: z.boolean().optional(),
});
export type Organisation = z.output<typeof organisationSchema>;
export type OrganisationInput = z.input<typeof organisationSchema>;
