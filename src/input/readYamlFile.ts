import { readCappedFile } from './readCappedFile.ts';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.ts';

/** Scenarios and answers files are small: a megabyte is far more than the largest real one. */
/** YAML aliases may be expanded only this many times: an "alias bomb" of a few lines would otherwise fill memory. */
const MAX_ALIASES = 100;

/**
 * Reads a YAML file that irp is asked to use (a scenario, an answers file): at most 1 MiB, valid UTF-8 YAML, and
 * aliases bounded. Every problem is a user error naming the file (and the line, for YAML errors).
 */
export function readYamlFile(file: string, what: string): { text: string; document: Document; lines: LineCounter; value: unknown } {
  const text = readCappedFile(file, what);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const yamlError = document.errors[0];
  if (yamlError) throw new UserError({ code: 'not-yaml', file, line: yamlError.linePos?.[0]?.line ?? 1, reason: yamlError.message.split('\n')[0] ?? '' });
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new UserError({ code: 'yaml-aliases', file, what, reason: (error as Error).message.split('\n')[0] ?? '' });
  }
  return { text, document, lines, value };
}
