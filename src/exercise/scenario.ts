import { TZDate } from '@date-fns/tz';
import { isMap, isSeq, type LineCounter, type Document } from 'yaml';
import { readYamlFile } from '../input/readYamlFile.ts';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { issuesAt } from '../playbook/validatePlaybook.ts';
import { durationMs } from '../input/parseTime.ts';
import { isVersionRange } from './versionRange.ts';

const OFFSET = /^\+\s*(?:\d+\s*[dhms]\s*)+$/i;
const offset = z.string().regex(OFFSET, 'write an offset from the start such as +0m, +45m or +1d2h');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

const injectSchema = z.strictObject({
  id: id.optional(),
  at: offset,
  title: z.string().min(1),
  body: z.string().min(1),
  from: z.string().min(1),
  /** Facts the inject reveals to the team, such as `personalDataInvolved: yes`. */
  reveals: z.record(z.string(), z.unknown()).optional(),
});

const expectationSchema = z
  .strictObject({
    id,
    /** A decision (event) the team is expected to take… */
    decision: z.string().min(1).optional(),
    /** …or a clock (by id) whose notification is expected… */
    notification: z.string().min(1).optional(),
    /** …or a duty of the register done for `count` organisations (or their products; default 1). */
    duty: z.strictObject({ id: z.string().min(1), count: z.number().int().min(1).default(1) }).optional(),
    /** By this offset from the start… */
    by: offset.optional(),
    /** …or within this long after an inject (by id). */
    within: z.strictObject({ after: id, duration: z.string().regex(/^(?:\d+\s*[dhms]\s*)+$/i, 'write a duration such as 30m or 2h') }).optional(),
    weight: z.number().positive().default(1),
    description: z.string().optional(),
  })
  .refine((e) => [e.decision, e.notification, e.duty].filter((x) => x !== undefined).length === 1, 'give exactly one of decision, notification or duty')
  .refine((e) => (e.by === undefined) !== (e.within === undefined), 'give exactly one of by or within');

export const scenarioSchema = z.strictObject({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  playbook: z.strictObject({
    id,
    version: z.string().refine(isVersionRange, 'write a version range such as ^1.1.0, ~1.1.0, 1.1.0 or *'),
  }),
  /** Wall-clock time at the start, in `timeZone`: `2022-08-04 07:00`. */
  start: z.union([z.string(), z.date()]),
  timeZone: z.string().default('Europe/London'),
  /** The playbook's settings the exercise is opened with (`nation: scotland`): the defaults where left out. */
  settings: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** When the organisation became aware, as an offset from the start (default +0m). */
  awareAt: offset.default('+0m'),
  /** When the exercise ends (default: the last inject or expectation). */
  ends: offset.optional(),
  participants: z.array(z.strictObject({ name: z.string().min(1), role: z.string().min(1) })).min(1),
  injects: z.array(injectSchema).default([]),
  expectations: z.array(expectationSchema).default([]),
});

export type Inject = z.infer<typeof injectSchema> & { id: string; offsetMs: number; line: number };
export type Expectation = z.infer<typeof expectationSchema> & { line: number };

/** A tabletop scenario, checked and with its times worked out. */
export interface Scenario {
  file: string;
  id: string;
  title: string;
  description?: string | undefined;
  playbook: { id: string; version: string };
  settings: Record<string, string>;
  startAt: Date;
  timeZone: string;
  awareAt: Date;
  endsAt: Date;
  participants: Array<{ name: string; role: string }>;
  injects: Inject[];
  expectations: Expectation[];
  /** SHA-256 of the file, recorded with the exercise. */
  sourceHash: string;
}

/**
 * Reads a scenario file (YAML). Every problem is reported with its line; nothing is recorded until the whole
 * file is right.
 */
export function readScenario(file: string, sha256: (text: string) => string, reference = file): Scenario {
  const { text, document, lines, value } = readYamlFile(file, 'scenario');
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `line ${lineOf(document, lines, issue.path)}: ${issuesAt('', new z.ZodError([issue]))[0] ?? issue.message}`,
    );
    throw new UserError({ code: 'invalid-scenario', file, problems });
  }
  const data = parsed.data;
  const startAt = zonedStart(file, data.start, data.timeZone, lineOf(document, lines, ['start']));
  const at = (text: string) => new Date(startAt.getTime() + durationMs(text));
  const injects: Inject[] = data.injects.map((inject, index) => ({
    ...inject,
    id: inject.id ?? `inject-${index + 1}`,
    offsetMs: durationMs(inject.at),
    line: lineOf(document, lines, ['injects', index]),
  }));
  const problems: string[] = [];
  const injectIds = new Set<string>();
  for (const inject of injects) {
    if (injectIds.has(inject.id)) problems.push(`line ${inject.line}: injects: the id "${inject.id}" is used twice`);
    injectIds.add(inject.id);
  }
  const expectations: Expectation[] = data.expectations.map((expectation, index) => ({ ...expectation, line: lineOf(document, lines, ['expectations', index]) }));
  for (const expectation of expectations) {
    if (expectation.within && !injectIds.has(expectation.within.after)) {
      problems.push(`line ${expectation.line}: expectations.${expectation.id}.within.after: there is no inject "${expectation.within.after}"`);
    }
  }
  if (problems.length > 0) throw new UserError({ code: 'invalid-scenario', file, problems });
  const lastOffset = Math.max(
    0,
    ...injects.map((inject) => inject.offsetMs),
    ...expectations.map((e) => (e.by ? durationMs(e.by) : (injects.find((i) => i.id === e.within?.after)?.offsetMs ?? 0) + durationMs(e.within?.duration ?? ''))),
  );
  return {
    file: reference,
    id: data.id,
    title: data.title,
    description: data.description,
    playbook: data.playbook,
    settings: data.settings,
    startAt,
    timeZone: data.timeZone,
    awareAt: at(data.awareAt),
    endsAt: data.ends ? at(data.ends) : new Date(startAt.getTime() + lastOffset),
    participants: data.participants,
    injects: injects.sort((a, b) => a.offsetMs - b.offsetMs),
    expectations,
    sourceHash: sha256(text),
  };
}

function zonedStart(file: string, start: string | Date, timeZone: string, line: number): Date {
  if (start instanceof Date) return start;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new UserError({ code: 'bad-time-zone', file, line, timeZone });
  }
  const match = LOCAL_TIME.exec(start.trim());
  if (!match) throw new UserError({ code: 'bad-scenario-start', file, line, start });
  const [, y, mo, d, h, mi, s = '0'] = match;
  return new Date(new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), timeZone).getTime());
}

function lineOf(document: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>): number {
  let node: unknown = document.contents;
  let offset = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown })?.value === key);
      offset = (pair?.key as { range?: [number] } | undefined)?.range?.[0] ?? offset;
      node = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? offset;
    } else break;
  }
  return lines.linePos(offset).line;
}
