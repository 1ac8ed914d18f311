import type { ZodType } from 'zod';
import { fieldLabel, fieldMeta, type FieldMeta } from '../playbook/fieldMeta.ts';
import type { Prompter } from './prompter.ts';
import type { ZodIssueFields } from '../playbook/payloadIssues.ts';

interface Def {
  type: string;
  innerType?: ZodType;
  element?: ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  shape?: Record<string, ZodType>;
  checks?: Array<{ _zod: { def: { check: string; value?: number; inclusive?: boolean; minimum?: number; maximum?: number; format?: string } } }>;
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

/** A field to ask for: its id, schema, label, what the playbook says about it, and its core type. */
interface Asked {
  id: string;
  schema: ZodType;
  label: string;
  meta: FieldMeta;
  core: ZodType;
  def: Def;
  optional: boolean;
}

/**
 * Asks for each field of a decision's data with a prompt that fits its type, as a question in plain words with a
 * hint of the form expected: a number, yes or no, a choice, text, or a list. Each answer is checked as it is
 * typed against the field's own schema, and a refusal names the field and what would be accepted. Fields that
 * can only be "yes" (a Board's approval) are asked first, so that a decision that cannot be taken yet says so
 * before anything else is typed. Every yes/no defaults to no. The engine checks the whole again before recording.
 */
export async function askPayload(prompter: Prompter, schema: ZodType, labels: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const shape = defOf(schema).shape ?? {};
  const fields: Asked[] = Object.entries(shape).map(([id, fieldSchema]) => {
    const { core, optional } = unwrap(fieldSchema);
    return { id, schema: fieldSchema, label: labels[id] ?? fieldLabel(id, fieldSchema), meta: fieldMeta(fieldSchema), core, def: defOf(core), optional };
  });
  const payload: Record<string, unknown> = {};
  for (const field of [...fields.filter(mustBeYes), ...fields.filter((f) => !mustBeYes(f))]) {
    const value = await askField(prompter, field);
    if (value !== undefined) payload[field.id] = value;
  }
  return payload;
}

const mustBeYes = (field: Asked) => field.def.type === 'literal' && field.def.values?.length === 1 && field.def.values[0] === true;

async function askField(prompter: Prompter, field: Asked): Promise<unknown> {
  const { def, optional } = field;
  const key = `payload.${field.id}`;
  const question = (hint: string) => {
    const asked = field.meta.question ?? field.label;
    const hints = [field.meta.hint, hint, optional ? 'optional: Enter to leave out' : ''].filter(Boolean);
    return hints.length > 0 ? `${asked} (${hints.join('; ')})` : asked;
  };
  const check = (value: unknown) => verdict(field, value);
  switch (def.type) {
    case 'boolean':
    case 'literal': {
      if (def.type === 'literal' && !mustBeYes(field)) return def.values?.[0];
      const yes = await askYesNo(prompter, key, field.meta.question ?? `${field.label}?`, field.meta.confirm === 'type' ? 'type' : 'ask');
      if (mustBeYes(field) && !yes) {
        const because = check(yes);
        throw new PayloadRefused(`${because === true ? `${field.label}: must be yes` : because}.`);
      }
      return yes;
    }
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      const options = values.map((value) => ({ value: value as string | undefined, name: value }));
      if (optional) options.push({ value: undefined, name: '(leave out)' });
      return prompter.select({ key, message: field.meta.question ?? field.label, options });
    }
    case 'number': {
      const text = await prompter.input({ key, message: question(numberHint(def)), validate: (typed) => (typed.trim() === '' && optional ? true : check(toNumber(typed))) });
      return text.trim() === '' ? undefined : toNumber(text);
    }
    case 'array': {
      const element = defOf(unwrap(def.element as ZodType).core);
      if (element.type === 'enum') {
        const values = Object.values(element.entries ?? {});
        return prompter.checkbox({ key, message: `${field.meta.question ?? field.label} (space to choose, Enter when done)`, options: values.map((value) => ({ value, name: value })) });
      }
      const text = await prompter.input({ key, message: question('separate several with commas'), validate: (typed) => (typed.trim() === '' && optional ? true : check(toList(typed))) });
      return text.trim() === '' ? undefined : toList(text);
    }
    default: {
      const text = await prompter.input({ key, message: question(''), validate: (typed) => (typed.trim() === '' && optional ? true : check(typed)) });
      return text.trim() === '' && optional ? undefined : text;
    }
  }
}

/**
 * A yes/no that defaults to no. `type` asks for the word itself, for the answers that open a safety gate: a reflex
 * Enter records nothing.
 */
export async function askYesNo(prompter: Prompter, key: string, message: string, how: 'ask' | 'type'): Promise<boolean> {
  if (how === 'ask') return prompter.confirm({ key, message, default: false });
  const typed = await prompter.input({
    key,
    message: `${message} Type yes or no`,
    validate: (text) => (/^(yes|no)$/i.test(text.trim()) ? true : 'type the word yes, or no, in full'),
  });
  return /^yes$/i.test(typed.trim());
}

/** `true` when the field accepts the value, or a sentence naming the field and what it would accept. */
function verdict(field: Asked, value: unknown): true | string {
  const result = field.schema.safeParse(value, { error: (issue) => plainWords(field, issue as unknown as Issue) });
  if (result.success) return true;
  const message = result.error.issues[0]?.message ?? 'not accepted';
  return `${field.label}: ${message}`;
}

type Issue = ZodIssueFields;

/** zod's default messages, in the words of the person typing (a playbook's own messages are kept as written). */
function plainWords(field: Asked, issue: Issue): string | undefined {
  const number = field.def.type === 'number' ? numberHint(field.def) : 'a number';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return `type ${number}, in digits`;
      if (issue.expected === 'string') return 'type some text';
      return `this needs ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'number') return `type ${number}`;
      if (issue.origin === 'array') return issue.minimum === 1 ? 'give at least one' : `give at least ${issue.minimum}`;
      return issue.minimum === 1 ? 'this cannot be left empty' : `type at least ${issue.minimum} characters`;
    case 'too_big':
      if (issue.origin === 'number') return `type ${number}`;
      if (issue.origin === 'array') return `give at most ${issue.maximum}`;
      return `type at most ${issue.maximum} characters`;
    case 'invalid_format':
      return issue.format === 'email' ? 'type an email address' : issue.format === 'url' ? 'type a link (https://…)' : `this is not in the form expected (${issue.format})`;
    case 'not_multiple_of':
      return `type ${number}`;
    default:
      return undefined;
  }
}

/** "a whole number from 0 to 100", from the schema's own checks. */
function numberHint(def: Def): string {
  let min: number | undefined;
  let max: number | undefined;
  let whole = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' && c.value !== undefined) min = c.value;
    if (c.check === 'less_than' && c.value !== undefined) max = c.value;
    if (c.check === 'number_format' && c.format && /int/.test(c.format)) whole = true;
  }
  const kind = whole ? 'a whole number' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind}, ${min} or more`;
  if (max !== undefined) return `${kind}, ${max} or less`;
  return kind;
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
