import { z } from 'zod';

/** Text that must be given: "is required" reads better than zod's default for a playbook author. */
const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).min(1, 'must not be empty');

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');

export const checklistItemSchema = z.strictObject({
  id,
  text: text(),
  /** A required item must be ticked before the step can be left. Items are required unless marked otherwise. */
  required: z.boolean().default(true),
});

export const factSchema = z.strictObject({
  /** The payload field of a decision that records this fact. */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'use a payload field name such as personalDataInvolved'),
  label: text(),
});

/** What a person needs to know about one step of a playbook: written by the playbook's author. */
export const stepMetaSchema = z.strictObject({
  title: text(),
  instructions: text(),
  /** The id of the role responsible, one of the playbook's `roles`. */
  role: text(),
  checklist: z
    .array(checklistItemSchema)
    .default([])
    .superRefine((items, context) => {
      const seen = new Set<string>();
      for (const [index, item] of items.entries()) {
        if (seen.has(item.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `"${item.id}" is already the id of another item of this step; give each item its own id` });
        seen.add(item.id);
      }
    }),
  /** Facts this step should establish; each is recorded by a decision's payload field of the same name. */
  record: z.array(factSchema).default([]),
  /**
   * The step waits for a notification to be made (or decided against): its decisions are reports, not measures
   * taken, and drafts leave them out of "Measures taken". `notification()` of the authoring kit sets it.
   */
  notification: z.boolean().optional(),
});

/**
 * The type of `meta` for a playbook's `setup({ types: { meta } })`: a step's or phase's metadata, or a transition's
 * (XState types both with the one `meta` type; loading checks each against its own schema). On an atomic (leaf)
 * state it is a step and needs `title`, `instructions` and `role` (`required` and the lists may be left out); on a
 * phase or workstream (a compound or parallel state) `title` is enough. Loading checks which is which.
 */
export type StepMeta = ({ title: string } & Partial<Omit<z.input<typeof stepMetaSchema>, 'title'>>) | TransitionMeta;
/** A transition's metadata: whether the decision must be confirmed before it is recorded. */
export type TransitionMeta = { confirm?: Confirmation };
/** Step metadata after validation, with defaults filled in. */
export type Step = z.output<typeof stepMetaSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;

export const playbookHeaderSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'use a semantic version such as 1.0.0'),
  title: text(),
  summary: text(),
  roles: z.record(id, text()).refine((roles) => Object.keys(roles).length > 0, 'declare at least one role'),
  guards: z.record(z.string(), text()).default({}),
});

/**
 * What a transition's `meta` may say: `confirm: 'ask'` (a yes/no question that defaults to no) or `'type'` (the
 * commander types the word "yes") before a decision that is hard to undo is recorded. A decision that finishes the
 * incident is always confirmed.
 */
export const transitionMetaSchema = z.strictObject({ confirm: z.enum(['ask', 'type']).optional() });
export type Confirmation = 'ask' | 'type';
