import { hash as oneShotHash } from 'node:crypto';

/** SHA-256 in hex, in one call (cheaper than a Hash object for the few hundred bytes of a line). */
const hash256 = (data: string | Buffer): string => oneShotHash('sha256', data, 'hex');
import canonicalize from 'canonicalize';
import { eventDataSchemas, type NewEvent, type RecordedEvent } from './recordedEvent.ts';

/** The `prevHash` of the first event of every incident. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the RFC 8785 canonical JSON of an event without its own `hash` field. */
export function hashOf(event: Omit<RecordedEvent, 'hash'>): string {
  const text = canonicalize(event);
  if (text === undefined) throw new Error('an event could not be put in canonical form');
  return hash256(text);
}

/** Gives new events their place after `previous`: sequence numbers, recording time and the hash chain. */
export function chainEvents(
  incident: string,
  previous: Pick<RecordedEvent, 'seq' | 'hash'> | undefined,
  events: readonly NewEvent[],
  recordedAt: Date,
): RecordedEvent[] {
  let seq = previous?.seq ?? 0;
  let prevHash = previous?.hash ?? GENESIS_HASH;
  return events.map((event) => {
    seq += 1;
    // What is hashed must be exactly what a reader will get back: the data as its schema reads it.
    const data = eventDataSchemas[event.kind].safeParse(event.data);
    if (!data.success) throw new Error(`a ${event.kind} event does not fit its schema: ${data.error.message}`);
    const unsealed = {
      seq,
      incident,
      kind: event.kind,
      occurredAt: event.occurredAt,
      recordedAt: recordedAt.toISOString(),
      actor: event.actor,
      ...(event.note === undefined ? {} : { note: event.note }),
      ...(event.backdateReason === undefined ? {} : { backdateReason: event.backdateReason }),
      ...(event.fromOffline === undefined ? {} : { fromOffline: event.fromOffline }),
      ...(event.fromPaper === undefined ? {} : { fromPaper: event.fromPaper }),
      data: data.data,
      prevHash,
    } as Omit<RecordedEvent, 'hash'>;
    const hash = hashOf(unsealed);
    prevHash = hash;
    return { ...unsealed, hash } as RecordedEvent;
  });
}

export type ChainProblem = { seq: number; index: number; reason: string };

/**
 * Checks that every event's hash matches its content and links to the one before, with sequence numbers
 * 1, 2, 3… The first problem found is returned: everything from there on cannot be trusted.
 *
 * @param contentKnownGood says which events' content hashes are already known to match (for example their bytes
 *   were verified before and have not changed): their links are still checked, their hashes not recomputed.
 */
export function findChainProblem(
  events: readonly RecordedEvent[],
  contentKnownGood: (index: number) => boolean = () => false,
  /** The event the first of `events` must follow: a record read from the middle (the genesis by default). */
  after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainProblem | undefined {
  let previous = after;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as RecordedEvent;
    const problem = chainProblemOf(event, previous, contentKnownGood(index));
    if (problem) return { seq: event.seq, index, reason: problem };
    previous = event;
  }
  return undefined;
}

/**
 * What is wrong with one event where it stands in the chain, after `previous` (the genesis for the first): its
 * sequence number, its link, and (unless its content is known good) its hash. `undefined` when nothing is.
 */
export function chainProblemOf(event: RecordedEvent, previous: { seq: number; hash: string }, contentKnownGood: boolean): string | undefined {
  const expectedSeq = previous.seq + 1;
  if (event.seq !== expectedSeq) return `sequence number is ${event.seq}, expected ${expectedSeq} (an event was removed, added or moved)`;
  if (event.prevHash !== previous.hash) return 'does not link to the event before it (an event before it was removed, changed or moved)';
  if (!contentKnownGood) {
    const { hash, ...unsealed } = event;
    if (hashOf(unsealed) !== hash) return 'its content does not match its hash (it was edited after it was recorded)';
  }
  return undefined;
}

/** Where a chain starts: the `prevHash` of its first event and the sequence number before it. */
export const CHAIN_START = { seq: 0, hash: GENESIS_HASH } as const;

/** The line irp writes for an event: its RFC 8785 canonical JSON, `hash` included. */
export function serialiseEvent(event: RecordedEvent): string {
  const text = canonicalize(event);
  if (text === undefined) throw new Error('an event could not be put in canonical form');
  return text;
}

const HASH_KEY = ',"hash":"';
const INCIDENT_KEY = '","incident":"';

/**
 * Whether a stored line, as irp wrote it, hashes to the hash it carries. A line in canonical form is the
 * canonical JSON of the event with its `hash` member added; removing that member gives exactly what was hashed,
 * so no re-serialising is needed. In canonical order the event's own `hash` member is the last one (it comes after
 * `data`, and nothing after it holds an object), and a quote inside a string is always escaped, so its place is
 * found by one search from the end. `false` only means "not proven this fast way" (the line may have been
 * re-formatted but still be intact): the caller then checks the slow way.
 */
export function lineHashMatches(line: string, hash: string): boolean {
  const at = line.lastIndexOf(HASH_KEY);
  if (at < 0) return false;
  const start = at + HASH_KEY.length;
  if (line.slice(start, start + 64) !== hash || !line.startsWith(INCIDENT_KEY, start + 64)) return false;
  return hash256(line.slice(0, at) + line.slice(start + 65)) === hash;
}

const HASH_KEY_BYTES = Buffer.from(HASH_KEY);
const INCIDENT_KEY_BYTES = Buffer.from(INCIDENT_KEY);

/** {@link lineHashMatches} on a line's bytes, hashing them where they lie (no copy of the line is made). */
export function lineBytesHashMatch(line: Buffer, hash: string): boolean {
  const at = line.lastIndexOf(HASH_KEY_BYTES);
  if (at < 0) return false;
  const start = at + HASH_KEY_BYTES.length;
  if (start + 64 + INCIDENT_KEY_BYTES.length > line.length || line.toString('latin1', start, start + 64) !== hash) return false;
  if (line.compare(INCIDENT_KEY_BYTES, 0, INCIDENT_KEY_BYTES.length, start + 64, start + 64 + INCIDENT_KEY_BYTES.length) !== 0) return false;
  return hash256(Buffer.concat([line.subarray(0, at), line.subarray(start + 65)])) === hash;
}
