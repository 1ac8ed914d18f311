import { parseCsv } from './csv.ts';
import { readCappedFile } from './readCappedFile.ts';
import { isMap, isSeq } from 'yaml';
import { UserError } from '../errors.ts';
import { readYamlFile } from './readYamlFile.ts';

/** A register file is a list of organisations; several thousand lines at most. */

/** The columns of a register in CSV, in the order irp writes them; lists within a cell are separated by `;`. */
export const REGISTER_COLUMNS = ['id', 'name', 'ods', 'nation', 'kinds', 'products', 'noticeHours', 'contacts', 'members', 'key', 'invented'] as const;
const LISTS = new Set(['kinds', 'products', 'contacts']);
const NUMBERS = new Set(['noticeHours', 'members']);

/** The organisations of a register file, each with where it is in the file (`register.csv line 4`), not yet checked. */
export interface RegisterFile {
  organisations: unknown[];
  where: string[];
}

/**
 * Reads a register the supplier keeps, as CSV (a header row of the columns above) or YAML (a list of
 * organisations, or `organisations:` holding one). Only the form is read here; each entry is checked against the
 * register's schema when it is recorded, and named by its line.
 */
export function readRegisterFile(file: string): RegisterFile {
  if (/\.ya?ml$/i.test(file)) return readYamlRegister(file);
  const text = readCappedFile(file, 'register');
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), file);
  const header = rows.shift();
  if (!header || header.cells.every((cell) => cell.trim() === '')) throw new UserError({ code: 'bad-columns', file, line: 1, unknown: [], columns: REGISTER_COLUMNS, what: 'register' });
  const columns = header.cells.map((cell) => cell.trim());
  const unknown = columns.filter((column) => !(REGISTER_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) throw new UserError({ code: 'bad-columns', file, line: header.line, unknown, columns: REGISTER_COLUMNS, what: 'register' });
  const organisations: unknown[] = [];
  const where: string[] = [];
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.cells.length > columns.length) throw new UserError({ code: 'too-many-cells', file, line: row.line, cells: row.cells.length, columns: columns.length });
    const entry: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const cell = (row.cells[index] ?? '').trim();
      if (cell === '') return;
      if (LISTS.has(column)) entry[column] = cell.split(';').map((part) => part.trim()).filter((part) => part !== '');
      else if (NUMBERS.has(column)) entry[column] = /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
      else if (column === 'invented') entry[column] = /^(yes|true|y)$/i.test(cell) ? true : /^(no|false|n)$/i.test(cell) ? false : cell;
      else entry[column] = cell;
    });
    organisations.push(entry);
    where.push(`${file} line ${row.line}`);
  }
  if (organisations.length === 0) throw new UserError({ code: 'empty-file', file, what: 'register' });
  return { organisations, where };
}

function readYamlRegister(file: string): RegisterFile {
  const { document, lines, value } = readYamlFile(file, 'register');
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as { organisations?: unknown }).organisations) ? (value as { organisations: unknown[] }).organisations : undefined;
  if (!list) throw new UserError({ code: 'not-a-list', file, what: 'register' });
  if (list.length === 0) throw new UserError({ code: 'empty-file', file, what: 'register' });
  const contents = document.contents;
  const seq = isSeq(contents) ? contents : isMap(contents) ? contents.get('organisations', true) : undefined;
  const where = list.map((_, index) => {
    const item = isSeq(seq) ? seq.items[index] : undefined;
    const offset = (item as { range?: [number] } | undefined)?.range?.[0];
    return `${file} line ${offset === undefined ? 1 : lines.linePos(offset).line}`;
  });
  return { organisations: list, where };
}

