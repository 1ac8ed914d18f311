import { z, type ZodType } from 'zod';
import type { Confirmation } from './stepMeta.ts';

/**
 * What a playbook may say about a field of a decision's data, beside its schema, for the person asked for it:
 * - `title`: its label ("Verified clean"), read in the log, the status and the reports;
 * - `question`: the question the runner asks ("Has the backup set been verified clean?"); by default the label;
 * - `hint`: the expected form, shown with the question ("as on the backup catalogue, e.g. BK-0412");
 * - `confirm`: for a yes/no that unlocks a safety gate, `type` makes the commander type "yes" in full. Every
 *   yes/no question defaults to no whatever this says.
 * Set with `field(schema, label, { question, hint, confirm })`, or on any zod schema with `.meta({ ... })` (zod's
 * own registry, shared by every copy of zod in the process).
 */
export interface FieldMeta {
  title?: string;
  question?: string;
  hint?: string;
  confirm?: Confirmation;
}

/** The field's meta, looked up through `optional` and `default` wrappers (set on either side of them). */
export function fieldMeta(schema: ZodType): FieldMeta {
  const found: FieldMeta = {};
  for (let current: ZodType | undefined = schema; current; current = inner(current)) {
    const meta = z.globalRegistry.get(current) as Record<string, unknown> | undefined;
    for (const key of ['title', 'question', 'hint', 'confirm'] as const) {
      if (found[key] === undefined && typeof meta?.[key] === 'string') (found as Record<string, unknown>)[key] = meta[key];
    }
  }
  return found;
}

function inner(schema: ZodType): ZodType | undefined {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: ZodType } } })._zod.def;
  return ['optional', 'default', 'nullable', 'prefault'].includes(def.type) ? def.innerType : undefined;
}

/** A field's label: its title, or its id in words (`nationsNotified` → "Nations notified"). */
export function fieldLabel(id: string, schema?: ZodType): string {
  const title = schema ? fieldMeta(schema).title : undefined;
  if (title) return title;
  const words = id.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
