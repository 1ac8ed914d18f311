import type { ZodType } from 'zod';
import type { Prompter } from './prompter.ts';

interface Def {
  type: string;
  innerType?: ZodType;
  element?: ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  shape?: Record<string, ZodType>;
}

const defOf = (schema: ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips `optional`, `default` and `nullable` wrappers; says whether the field may be left out. */
function unwrap(schema: ZodType): { core: ZodType; optional: boolean } {
  let core = schema;
  let optional = false;
  for (let def = defOf(core); ['optional', 'default', 'nullable', 'prefault'].includes(def.type); def = defOf(core)) {
    optional = true;
    core = def.innerType as ZodType;
  }
  return { core, optional };
}

/** The sentence zod gives for a value, or `true` when the field accepts it. */
function check(schema: ZodType, value: unknown): true | string {
  const result = schema.safeParse(value);
  return result.success ? true : (result.error.issues[0]?.message ?? 'not accepted');
}

/**
 * Asks for each field of a decision's payload with a prompt that fits its type: a number, yes/no, a choice from an
 * enum, text, or a list. Each answer is checked as it is typed against the field's own schema, so the message a
 * commander sees is the playbook's. The whole payload is checked again by the engine before anything is recorded.
 */
export async function askPayload(prompter: Prompter, schema: ZodType, labels: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const shape = defOf(schema).shape ?? {};
  const payload: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(shape)) {
    const { core, optional } = unwrap(fieldSchema);
    const def = defOf(core);
    const key = `payload.${field}`;
    const label = labels[field] ?? field;
    const message = optional ? `${label} (optional)` : label;
    const value = await askField(prompter, key, message, def, fieldSchema, optional);
    if (value !== undefined) payload[field] = value;
  }
  return payload;
}

async function askField(prompter: Prompter, key: string, message: string, def: Def, schema: ZodType, optional: boolean): Promise<unknown> {
  switch (def.type) {
    case 'boolean':
      return prompter.confirm({ key, message });
    case 'literal':
      if (def.values?.length === 1 && def.values[0] === true) {
        const yes = await prompter.confirm({ key, message: `${message}?`, default: false });
        const verdict = check(schema, yes);
        if (verdict !== true) throw new PayloadRefused(verdict);
        return yes;
      }
      return def.values?.[0];
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      const options = values.map((value) => ({ value: value as string | undefined, name: value }));
      if (optional) options.push({ value: undefined, name: '(leave out)' });
      return prompter.select({ key, message, options });
    }
    case 'number': {
      const text = await prompter.input({
        key,
        message,
        validate: (typed) => (typed.trim() === '' && optional ? true : check(schema, toNumber(typed))),
      });
      return text.trim() === '' ? undefined : toNumber(text);
    }
    case 'array': {
      const element = defOf(unwrap(def.element as ZodType).core);
      if (element.type === 'enum') {
        const values = Object.values(element.entries ?? {});
        return prompter.checkbox({ key, message, options: values.map((value) => ({ value, name: value })) });
      }
      const text = await prompter.input({
        key,
        message: `${message} (separate with commas)`,
        validate: (typed) => (typed.trim() === '' && optional ? true : check(schema, toList(typed))),
      });
      return text.trim() === '' ? undefined : toList(text);
    }
    default: {
      const text = await prompter.input({
        key,
        message,
        validate: (typed) => (typed.trim() === '' && optional ? true : check(schema, typed)),
      });
      return text.trim() === '' && optional ? undefined : text;
    }
  }
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function toList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** An answer that the payload's schema can never accept (a required "yes" answered "no"). */
export class PayloadRefused extends Error {
  override readonly name = 'PayloadRefused';
}
