import { UserError } from '../errors.ts';
import type { NewEvent } from '../record/recordedEvent.ts';

/** The longest text one field of an entry may hold: a long note, not a document (attach those elsewhere). */
export const MAX_TEXT = 20_000;
/** Names of people and roles. */
export const MAX_NAME = 200;
/** A whole entry, as stored. */
export const MAX_ENTRY_BYTES = 128 * 1024;

/**
 * Checks every piece of text an entry would record before anything is recorded: valid Unicode (a lone UTF-16
 * surrogate cannot be stored as canonical JSON and would read back as something else), and within the limits
 * above. The message names the field.
 */
export function refuseUnfitText(events: readonly NewEvent[]): void {
  for (const event of events) {
    check(event.actor.name, 'the name of who is acting', MAX_NAME);
    check(event.actor.role, 'the role of who is acting', MAX_NAME);
    if (event.note !== undefined) check(event.note, 'the note', MAX_TEXT);
    if (event.backdateReason !== undefined) check(event.backdateReason, 'the reason for entering it late', MAX_TEXT);
    if (event.kind === 'note') check(event.data.text, 'the note', MAX_TEXT);
    else walk(event.data, event.kind === 'decision' ? 'the data' : `the ${event.kind} entry`);
    const size = Buffer.byteLength(JSON.stringify(event));
    if (size > MAX_ENTRY_BYTES) {
      throw new UserError({ code: 'entry-too-large', bytes: size, maxBytes: MAX_ENTRY_BYTES });
    }
  }
}

function walk(value: unknown, path: string): void {
  if (typeof value === 'string') return check(value, path, MAX_TEXT);
  if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      check(key, `a field name in ${path}`, MAX_NAME);
      walk(inner, `${path} field "${key}"`);
    }
  }
}

function check(text: string, what: string, max: number): void {
  if (!text.isWellFormed()) {
    throw new UserError({ code: 'text-not-unicode', what });
  }
  if (text.length > max) {
    throw new UserError({ code: 'text-too-long', what, length: text.length, max });
  }
}
