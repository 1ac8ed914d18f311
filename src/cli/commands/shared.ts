import type { RecordOptions } from '../../api/irp.ts';
import { invalidInput } from '../../errors.ts';
import { parseTime } from '../../input/parseTime.ts';
import type { CliContext } from '../context.ts';
import type { TimeOptions } from '../declareCommand.ts';

/** The who/when/why options of a recording command. */
export function recordOptions(context: CliContext, options: TimeOptions & { note?: string } = {}): RecordOptions {
  const at = options.at === undefined ? undefined : parseTime(options.at, context.clock.now(), '--at');
  return { actor: context.actor, at, note: options.note, reason: options.reason };
}

/** Reads a value given as JSON (`"yes"`, `3`, `true`, `["a","b"]`); a bare word is taken as text. */
export function parseValue(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (/^[\w .,'-]*$/.test(text)) return text;
    throw invalidInput(what, 'not-json', `${what} is not valid JSON; quote text as JSON ('"yes"') or give a number, true, false or a list.`);
  }
}

/** Reads `--data` as a JSON object, saying exactly what is wrong with it otherwise. */
export function parseData(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.length > 64 * 1024) throw invalidInput('--data', 'too-large', `--data is ${Math.round(text.length / 1024)} KiB; a decision's data is at most 64 KiB.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidInput('--data', 'not-json', `--data is not valid JSON: ${(error as Error).message}. Example: --data '{"count": 3}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput('--data', 'not-an-object', '--data must be a JSON object, such as {"count": 3}.');
  }
  return value as Record<string, unknown>;
}

export function printJson(context: CliContext, value: unknown): void {
  context.out(JSON.stringify(value, null, 2));
}
