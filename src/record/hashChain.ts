import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { eventDataSchemas, type NewEvent, type RecordedEvent } from './recordedEvent.ts';

/** The `prevHash` of the first event of every incident. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the RFC 8785 canonical JSON of an event without its own `hash` field. */
export function hashOf(event: Omit<RecordedEvent, 'hash'>): string {
  const text = canonicalize(event);
  if (text === undefined) throw new Error('an event could not be put in canonical form');
  return createHash('sha256').update(text).digest('hex');
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
 * @param trusted how many leading events are already known to be intact (their bytes were verified before and
 *   have not changed): their links are still checked, their content hashes are not recomputed.
 */
export function findChainProblem(events: readonly RecordedEvent[], trusted = 0): ChainProblem | undefined {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const expectedSeq = index + 1;
    if (event.seq !== expectedSeq) {
      return { seq: event.seq, index, reason: `sequence number is ${event.seq}, expected ${expectedSeq} (an event was removed, added or moved)` };
    }
    if (event.prevHash !== prevHash) {
      return { seq: event.seq, index, reason: 'does not link to the event before it (an event before it was removed, changed or moved)' };
    }
    const { hash, ...unsealed } = event;
    if (index >= trusted && hashOf(unsealed) !== hash) {
      return { seq: event.seq, index, reason: 'its content does not match its hash (it was edited after it was recorded)' };
    }
    prevHash = hash;
  }
  return undefined;
}
