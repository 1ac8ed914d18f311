import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { ClaimsCheck } from './claimedActors.ts';
import type { OfflineCopySummary } from '../engine/incidentReport.ts';
import { DamagedRecordError } from '../errors.ts';
import { checkHead, checkSeal, sealHolds, type HeadCheck, type RecordHead, type RecordHeads, type SealCheck } from '../record/seal.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { noIncident } from './readRecord.ts';

/** What `verify` found: the chain, the head, a cut-off write at the end, a head written down, and every seal. */
export interface VerifyResult {
  /** The chain is unbroken, the head written down (if given) is still there, and every seal holds. */
  intact: boolean;
  events: number;
  head: RecordHead | null;
  /** The first event that breaks the chain, if one does. */
  problem?: { line: number; seq?: number | undefined; reason: string };
  /** Bytes of a write cut off before it was acknowledged, after the last complete line (never part of the record). */
  tornBytes: number;
  /** Files where earlier cut-off writes were set aside. */
  setAside: string[];
  expected?: HeadCheck;
  seals: SealCheck[];
  /** Copies of the record set aside when it diverged from a shared one (see `irp pending`). */
  offlineCopies?: OfflineCopySummary[];
  /** On a store that stamps who stored each row: the names entries claim, held against those logins' people. */
  claims?: ClaimsCheck;
}

/**
 * Checks the whole record: every line in canonical form, every hash, every link; then, against anchors kept
 * elsewhere, a head written down (`expect`) and every seal found (signed by a key in `trust`, when given).
 */
export async function verifyRecord(
  store: IncidentStore,
  incident: string,
  options: { expect?: RecordHead | undefined; trust?: readonly string[]; quick?: boolean; visit?: (event: RecordedEvent) => void } = {},
): Promise<VerifyResult> {
  const { tornBytes, setAside } = await store.tail(incident);
  const stored = await store.readSeals(incident);
  // The record is read a chunk at a time; only the hashes that anchors name are kept.
  const named = new Set([options.expect?.count ?? 0, ...stored.map((seal) => seal.count)]);
  const hashes = new Map<number, string>();
  let head: RecordHead | null = null;
  try {
    for await (const event of store.scan(incident, { full: options.quick !== true })) {
      head = { count: event.seq, hash: event.hash };
      if (named.has(event.seq)) hashes.set(event.seq, event.hash);
      options.visit?.(event);
    }
  } catch (error) {
    if (!(error instanceof DamagedRecordError) || !error.at) throw error;
    return { intact: false, events: 0, head: null, problem: error.at, tornBytes, setAside, seals: [] };
  }
  if (!head) throw noIncident(store, incident);
  const record: RecordHeads = { now: head, hashAt: (count) => hashes.get(count) };
  const expected = options.expect ? checkHead(options.expect, record) : undefined;
  const seals = stored.map((seal) => checkSeal(seal, incident, record, options.trust ?? []));
  const expectationHolds = !expected || expected.status === 'matches' || expected.status === 'extended';
  return {
    intact: expectationHolds && seals.every(sealHolds),
    events: head.count,
    head,
    tornBytes,
    setAside,
    ...(expected ? { expected } : {}),
    seals,
  };
}
