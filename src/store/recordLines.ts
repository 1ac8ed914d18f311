import { DamagedRecordError, type UserError } from '../errors.ts';
import { certainlyRecordedEvent } from '../record/eventShape.ts';
import { lineBytesHashMatch, lineHashMatches, serialiseEvent } from '../record/hashChain.ts';
import { recordedEventSchema, type RecordedEvent } from '../record/recordedEvent.ts';

// The lines of a record file: each parsed and checked against the schema and the canonical form irp writes.

/**
 * Parses and validates every complete line of `bytes`; a damaged line is reported with its line number (counting
 * `linesBefore` lines before these). The first `trustedLines` lines, verified before and unchanged since, are
 * only parsed.
 */
export function parseEventLines(path: string, bytes: Buffer, linesBefore = 0, trustedLines = 0): { events: RecordedEvent[]; hashedAsWritten: boolean[] } {
  const events: RecordedEvent[] = [];
  const hashedAsWritten: boolean[] = [];
  // Line by line from the bytes: no copy of the whole text is made, and what is after the last newline (empty, or
  // a write cut off before it was acknowledged) is left out.
  for (let start = 0, newline = bytes.indexOf(0x0a); newline >= 0; start = newline + 1, newline = bytes.indexOf(0x0a, start)) {
    const parsed = parseEventLine(path, bytes, start, newline, linesBefore + events.length + 1, events.length < trustedLines);
    events.push(parsed.event);
    hashedAsWritten.push(parsed.hashedAsWritten);
  }
  return { events, hashedAsWritten };
}

/**
 * One line of a record, the bytes from `start` to `end` (its newline): parsed, and (unless `trusted`: validated on
 * an earlier read and unchanged since) checked against the schema and the canonical form. `hashedAsWritten` says
 * the line's own bytes hash to its hash.
 */
export function parseEventLine(path: string, bytes: Buffer, start: number, end: number, lineNo: number, trusted: boolean): { event: RecordedEvent; hashedAsWritten: boolean } {
  return checkEventText(path, bytes.toString('utf8', start, end), lineNo, trusted, (hash) => lineBytesHashMatch(bytes.subarray(start, end), hash));
}

/**
 * Lines given as text (a shared store's rows): parsed and checked as {@link parseEventLines} checks the lines of a
 * file, without first turning them into bytes.
 */
export function parseEventTexts(path: string, lines: readonly string[], linesBefore = 0): { events: RecordedEvent[]; hashedAsWritten: boolean[] } {
  const events: RecordedEvent[] = [];
  const hashedAsWritten: boolean[] = [];
  for (const line of lines) {
    const parsed = checkEventText(path, line, linesBefore + events.length + 1, false, (hash) => lineHashMatches(line, hash));
    events.push(parsed.event);
    hashedAsWritten.push(parsed.hashedAsWritten);
  }
  return { events, hashedAsWritten };
}

function checkEventText(path: string, text: string, lineNo: number, trusted: boolean, hashedAsWritten: (hash: string) => boolean): { event: RecordedEvent; hashedAsWritten: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(path, lineNo, 'not valid JSON');
  }
  if (trusted) return { event: json as RecordedEvent, hashedAsWritten: true };
  // The quick check accepts only what the schema accepts; anything it is unsure of goes to the schema, which names
  // the problem.
  const parsed = certainlyRecordedEvent(json) ? { success: true as const, data: json } : recordedEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join('.') : '(the event)';
    throw damaged(path, lineNo, `${at}: ${issue?.message ?? 'not a recorded event'}`);
  }
  // Exactly the bytes irp writes for this event, or damage: a duplicated member (one that JSON.parse lets shadow
  // the other), a re-ordered or re-spaced line, an escape written another way — each could show one thing to
  // one reader and another to the next, so none is accepted. A line whose own bytes hash to its hash is the
  // line irp wrote (making another such line means recomputing the chain from there: what anchors catch); only
  // the others need the costlier comparison with the canonical form.
  const asWritten = hashedAsWritten(parsed.data.hash);
  if (!asWritten && serialiseEvent(parsed.data) !== text) {
    throw damaged(path, lineNo, 'not in the canonical form irp writes (a member duplicated, added, re-ordered or re-formatted)');
  }
  return { event: parsed.data, hashedAsWritten: asWritten };
}

function damaged(path: string, line: number, reason: string): UserError {
  return new DamagedRecordError({ code: 'damaged-record', where: path, line, reason });
}

/**
 * A long record repeats itself: each line's `prevHash` is the hash before it, and runs of lines share the incident
 * id, the kind, the recording time and the person acting. Holding one copy of each (the values are equal, only the copies go) keeps a record of
 * 100,000 entries in memory in tens of megabytes less.
 */
export function shareRepeated(event: RecordedEvent, previous: RecordedEvent | { seq: number; hash: string }): void {
  const mutable = event as { -readonly [K in keyof RecordedEvent]: RecordedEvent[K] };
  mutable.prevHash = previous.hash;
  if (event.recordedAt === event.occurredAt) mutable.recordedAt = event.occurredAt;
  if (!('actor' in previous)) return;
  if (event.incident === previous.incident) mutable.incident = previous.incident;
  if (event.kind === previous.kind) mutable.kind = previous.kind;
  if (event.recordedAt === previous.recordedAt) mutable.recordedAt = previous.recordedAt;
  if (event.actor.name === previous.actor.name && event.actor.role === previous.actor.role) mutable.actor = previous.actor;
}
