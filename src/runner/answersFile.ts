import { isMap, isSeq } from 'yaml';
import { readYamlFile } from '../input/readYamlFile.ts';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { issuesAt } from '../playbook/validatePlaybook.ts';
import { readRegisterFile, type RegisterFile } from '../input/registerFile.ts';
import { dirname, resolve } from 'node:path';

const person = z.strictObject({ name: z.string().min(1), role: z.string().min(1) });
const time = z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString() : value));
/** Who takes this entry (exercises: a participant other than the default actor). */
const by = person.optional();
/** Why an entry is made more than the incident's margin after its `at` (a paper log typed in afterwards). */
const reason = z.string().min(1).optional();
/** Each kind of entry, by the key that names it (`decide` before `note`: a decision may carry a note). */
const entryKinds = {
  tick: z.strictObject({ tick: z.array(z.string().min(1)).min(1), at: time.optional(), reason, by }),
  decide: z.strictObject({
    decide: z.string().min(1),
    data: z.record(z.string(), z.unknown()).optional(),
    note: z.string().optional(),
    /** Why it was taken: needed where the playbook marks the decision. */
    rationale: z.string().min(1).optional(),
    /** The reasons for the delay, used when the decision is a notification after its legal deadline. */
    lateReasons: z.string().min(1).optional(),
    at: time.optional(),
    reason,
    by,
  }),
  aware: z.strictObject({ aware: z.string().min(1), at: time.optional(), reason, correction: z.string().min(1).optional(), by }),
  correct: z.strictObject({
    correct: z.strictObject({ fact: z.string().min(1), value: z.unknown(), because: z.string().min(1) }),
    at: time.optional(),
    reason,
    by,
  }),
  assign: z.strictObject({ assign: z.strictObject({ step: z.string().min(1), name: z.string().min(1), role: z.string().min(1) }), at: time.optional(), by }),
  /** Command handed over; `takeover: why`, when whoever takes this entry is not in command and takes it over. */
  handover: z.strictObject({ handover: person, takeover: z.string().min(1).optional(), at: time.optional(), by }),
  note: z.strictObject({ note: z.string().min(1), at: time.optional(), reason, by }),
  /**
   * Organisations added to the register: a register file (CSV or YAML, named relative to the answers file), or the
   * organisations themselves, as a list.
   */
  register: z.strictObject({ register: z.union([z.string().min(1), z.array(z.record(z.string(), z.unknown())).min(1)]), at: time.optional(), reason, by }),
  /** A duty done for organisations of the register: their ids, or `all` still owed. */
  duty: z.strictObject({
    duty: z.strictObject({
      id: z.string().min(1),
      for: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
      product: z.string().min(1).optional(),
      how: z.string().min(1).optional(),
      reference: z.string().min(1).optional(),
      data: z.record(z.string(), z.unknown()).optional(),
      notNeeded: z.string().min(1).optional(),
    }),
    at: time.optional(),
    reason,
    by,
  }),
  /** A report made outside a decision, such as the follow-up a clock owes (UK GDPR Art. 33(4)). */
  report: z.strictObject({
    report: z.strictObject({ clock: z.string().min(1), followUp: z.boolean().default(false), reference: z.string().min(1).optional(), lateReasons: z.string().min(1).optional() }),
    at: time.optional(),
    reason,
    by,
  }),
};
/** The kinds of entry an answers file may hold, by the key that names each. */
export const answerEntryKinds = Object.keys(entryKinds);
const entrySchema = z.union(Object.values(entryKinds) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);

/**
 * One entry checked against the schema of its kind, told by its key, rather than against every kind in turn: a
 * file of a thousand entries is read many times faster, and a mistake is named against the kind meant. An entry
 * that names no kind is checked against them all, for the message.
 */
const stepSchema = z.unknown().transform((entry, context) => {
  const kind = typeof entry === 'object' && entry !== null ? (Object.keys(entryKinds) as Array<keyof typeof entryKinds>).find((key) => key in entry) : undefined;
  const parsed = (kind ? entryKinds[kind] : entrySchema).safeParse(entry);
  if (parsed.success) return parsed.data as AnswerEntryData;
  for (const issue of parsed.error.issues) context.addIssue({ ...issue, code: 'custom', message: issue.message, path: issue.path } as never);
  return z.NEVER;
});

/** An exercise answer's `at` may be an offset from the exercise start (`+45m`): the time it is taken. */
export const EXERCISE_OFFSET = /^\+\s*(?:\d+\s*[dhms]\s*)+$/i;
/** `reason`, at the top, is the reason for every entry that is back-dated and gives none of its own (a paper log). */
const fileSchema = z.strictObject({ actor: person.partial({ role: true }).optional(), reason, steps: z.array(stepSchema) });

type AnswerEntryData = { [K in keyof typeof entryKinds]: z.infer<(typeof entryKinds)[K]> }[keyof typeof entryKinds];

/** One thing the answers file does, with the line it starts on (a register entry: with the file's organisations, read). */
export type AnswerEntry = AnswerEntryData & { line: number; organisations?: RegisterFile | undefined };

export interface AnswersFile {
  path: string;
  actor?: { name: string; role?: string | undefined } | undefined;
  /** The reason for every back-dated entry that does not give its own. */
  reason?: string | undefined;
  entries: AnswerEntry[];
}

/**
 * Reads a YAML answers file (see docs/answers-format.md: a list of `tick`, `decide`, `note`, `aware`, `correct`, `assign` and `handover` entries,
 * each with optional `at` and `note`). Everything is checked before the run starts; a problem is reported with
 * its line, and nothing is recorded.
 */
export function readAnswersFile(path: string): AnswersFile {
  const { document, lines: lineCounter, value } = readYamlFile(path, 'answers file');
  const parsed = fileSchema.safeParse(value);
  const lineOf = (index: number | undefined): number => {
    const steps = isMap(document.contents) ? document.contents.get('steps', true) : undefined;
    const item = index !== undefined && isSeq(steps) ? steps.items[index] : undefined;
    const offset = (item as { range?: [number] } | undefined)?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const index = issue?.path[0] === 'steps' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const where = index === undefined ? `${path}` : `${path} line ${lineOf(index)}`;
    throw new UserError({ code: 'invalid-answers', where, entry: index !== undefined, problems: issuesAt('', parsed.error) });
  }
  return {
    path,
    actor: parsed.data.actor,
    reason: parsed.data.reason,
    // A register file is read now, so that a problem in it is told before anything is recorded.
    entries: parsed.data.steps.map((entry, index) => ({
      ...entry,
      line: lineOf(index),
      ...('register' in entry
        ? {
            organisations:
              typeof entry.register === 'string'
                ? readRegisterFile(resolve(dirname(path), entry.register))
                : { organisations: entry.register, where: entry.register.map((_, i) => `${path} line ${lineOf(index)}, organisation ${i + 1}`) },
          }
        : {}),
    })),
  };
}
