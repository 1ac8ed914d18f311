import { basename } from 'node:path';
import { isMap, isSeq, parse } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { parseCsv } from './csv.ts';
import { readCappedFile } from './readCappedFile.ts';
import { readYamlFile } from './readYamlFile.ts';

/** The columns of a paper log typed up as CSV; `code`, `at` and `name` are needed, the rest as the entry needs. */
export const PAPER_LOG_COLUMNS = ['code', 'at', 'name', 'role', 'data', 'rationale', 'lateReasons', 'reason', 'note'] as const;

const entrySchema = z.strictObject({
  /** A code from the action cards: `S4.2` (an item ticked), `D7` (a decision), or `NOTE`. */
  code: z.string().trim().min(1),
  /** When it happened, as written on the paper. */
  at: z.union([z.string().trim().min(1), z.date()]).transform((value) => (value instanceof Date ? value.toISOString() : value)),
  name: z.string().trim().min(1),
  role: z.string().trim().min(1).optional(),
  /** A decision's data: `{ field: value }` (in CSV, `field: value; field: value`). */
  data: z.record(z.string(), z.unknown()).optional(),
  rationale: z.string().trim().min(1).optional(),
  lateReasons: z.string().trim().min(1).optional(),
  /** Why it is entered this long after it happened; the file's `reason` when left out. */
  reason: z.string().trim().min(1).optional(),
  /** A note kept with it; for `NOTE`, the note itself. */
  note: z.string().trim().min(1).optional(),
});
export type PaperLogEntry = z.infer<typeof entrySchema> & { where: string; line: number };

export interface PaperLogFile {
  /** The file's name, as entries made from it are marked. */
  name: string;
  /** The reason for entering late every entry that gives none (typed up from paper, after the outage). */
  reason: string | undefined;
  entries: PaperLogEntry[];
}

/**
 * Reads a paper log typed up afterwards: CSV (a header row naming the columns above) or YAML (`entries:` holding a
 * list of { code, at, name, … }, and an optional file-wide `reason:`). Only the form is checked here, every problem
 * named by its line; what each entry means is checked against the incident, all of it before any is recorded.
 */
export function readPaperLogFile(file: string): PaperLogFile {
  const raw = /\.ya?ml$/i.test(file) ? yamlEntries(file) : csvEntries(file);
  const entries = raw.entries.map(({ value, line }) => {
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError({ code: 'invalid-entry', file, line, path: issue?.path.join('.') || 'the entry', reason: issue?.message ?? 'not valid' });
    }
    return { ...parsed.data, where: `${file} line ${line}`, line };
  });
  if (entries.length === 0) throw new UserError({ code: 'empty-file', file, what: 'paper-log' });
  return { name: basename(file), reason: raw.reason, entries };
}

function csvEntries(file: string): { reason: undefined; entries: Array<{ value: unknown; line: number }> } {
  const rows = parseCsv(readCappedFile(file, 'paper log').replace(/^\uFEFF/, ''), file);
  const header = rows.shift();
  const columns = header?.cells.map((cell) => cell.trim()) ?? [];
  const unknown = columns.filter((column) => !(PAPER_LOG_COLUMNS as readonly string[]).includes(column));
  if (!header || unknown.length > 0 || !columns.includes('code')) {
    throw new UserError({ code: 'bad-columns', file, line: 1, unknown, columns: PAPER_LOG_COLUMNS, what: 'paper-log' });
  }
  const entries: Array<{ value: unknown; line: number }> = [];
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.cells.length > columns.length) throw new UserError({ code: 'too-many-cells', file, line: row.line, cells: row.cells.length, columns: columns.length });
    const value: Record<string, unknown> = {};
    for (const [index, column] of columns.entries()) {
      const cell = (row.cells[index] ?? '').trim();
      if (cell === '') continue;
      value[column] = column === 'data' ? dataCell(cell, `${file} line ${row.line}`) : cell;
    }
    entries.push({ value, line: row.line });
  }
  return { reason: undefined, entries };
}

/** `field: value; field: value` (or a YAML flow mapping) as an object: values read as YAML reads them. */
function dataCell(cell: string, where: string): unknown {
  const text = cell.startsWith('{') ? cell : `{ ${cell.split(';').map((part) => part.trim()).filter(Boolean).join(', ')} }`;
  try {
    return parse(text, { maxAliasCount: 0 }) as unknown;
  } catch {
    throw new UserError({ code: 'data-not-fields', where });
  }
}

function yamlEntries(file: string): { reason: string | undefined; entries: Array<{ value: unknown; line: number }> } {
  const { document, lines, value } = readYamlFile(file, 'paper log');
  const map = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const list = Array.isArray(value) ? value : map && Array.isArray(map.entries) ? map.entries : undefined;
  if (!list) throw new UserError({ code: 'not-a-list', file, what: 'paper-log' });
  const extra = map ? Object.keys(map).filter((key) => key !== 'entries' && key !== 'reason') : [];
  if (extra.length > 0) throw new UserError({ code: 'unknown-keys', file, keys: extra });
  if (map?.reason !== undefined && (typeof map.reason !== 'string' || map.reason.trim() === '')) throw new UserError({ code: 'reason-not-text', file });
  const contents = document.contents;
  const seq = isSeq(contents) ? contents : isMap(contents) ? contents.get('entries', true) : undefined;
  return {
    reason: typeof map?.reason === 'string' ? map.reason.trim() : undefined,
    entries: list.map((entry, index) => {
      const offset = (isSeq(seq) ? (seq.items[index] as { range?: [number] } | undefined) : undefined)?.range?.[0];
      return { value: entry, line: offset === undefined ? 1 : lines.linePos(offset).line };
    }),
  };
}
