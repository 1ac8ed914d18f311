import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { RecordedEvent } from './recordedEvent.ts';

/** Where a record ends: how many events, and the hash of the last. Written down elsewhere, it anchors the record. */
export interface RecordHead {
  count: number;
  hash: string;
}

export function headOf(events: readonly RecordedEvent[]): RecordHead {
  return { count: events.length, hash: events.at(-1)?.hash ?? '' };
}

/** `12:ab34…` as people copy it: the count and the head hash (a prefix of at least 16 hex digits will do). */
export function formatHead(head: RecordHead): string {
  return `${head.count}:${head.hash}`;
}

export function parseHead(text: string): RecordHead | undefined {
  const match = /^(\d+):([0-9a-f]{16,64})$/i.exec(text.trim());
  return match ? { count: Number(match[1]), hash: (match[2] as string).toLowerCase() } : undefined;
}

/** A head compared with a record: the same, further on (events appended since), cut short, or rewritten. */
export type HeadCheck =
  | { status: 'matches' | 'extended'; head: RecordHead; now: RecordHead }
  | { status: 'truncated' | 'rewritten'; head: RecordHead; now: RecordHead; found?: string };

/**
 * What a check against anchors needs of a record: its head now, and the hash of the event at a given count (those
 * that anchors name are enough, so a record read a chunk at a time need not be kept).
 */
export interface RecordHeads {
  now: RecordHead;
  hashAt(count: number): string | undefined;
}

export function headsOf(events: readonly RecordedEvent[]): RecordHeads {
  return { now: headOf(events), hashAt: (count) => events[count - 1]?.hash };
}

export function checkHead(head: RecordHead, record: RecordHeads): HeadCheck {
  const { now } = record;
  if (now.count < head.count) return { status: 'truncated', head, now };
  const found = record.hashAt(head.count) ?? '';
  if (found === '' || !found.startsWith(head.hash)) return { status: 'rewritten', head, now, found };
  return { status: now.count === head.count ? 'matches' : 'extended', head, now };
}

/**
 * A seal: an Ed25519 signature over an incident's head, made with a key kept outside the state folder, so that a
 * person who can change the state folder cannot also make a new seal for a rewritten or shortened record.
 */
export const sealSchema = z.strictObject({
  incident: z.string().min(1),
  count: z.number().int().min(1),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  sealedAt: z.iso.datetime({ offset: true }),
  /** The signer's public key, DER (SPKI) in base64: what the fingerprint is taken of. */
  publicKey: z.string().min(1),
  signature: z.string().min(1),
});
export type Seal = z.infer<typeof sealSchema>;

const message = (seal: Pick<Seal, 'incident' | 'count' | 'head' | 'sealedAt'>) =>
  Buffer.from(`irp-seal-v1\n${seal.incident}\n${seal.count}\n${seal.head}\n${seal.sealedAt}\n`);

/** A short name for a public key that people can compare by eye: the first 16 hex digits of its SHA-256. */
export function fingerprintOf(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16);
}

export function publicKeyDer(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

export function makeSeal(privateKeyPem: string, incident: string, head: RecordHead, sealedAt: Date): Seal {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('a seal key must be an Ed25519 private key');
  const unsigned = { incident, count: head.count, head: head.hash, sealedAt: sealedAt.toISOString() };
  return {
    ...unsigned,
    publicKey: publicKeyDer(key).toString('base64'),
    signature: sign(null, message(unsigned), key).toString('base64'),
  };
}

/** One seal checked: its signature, and whether the record still has the head it sealed. */
export interface SealCheck {
  count: number;
  sealedAt: string;
  fingerprint: string;
  /** Whether the key is one the reader said to trust (`undefined` when no key was named). */
  trusted: boolean | undefined;
  signatureValid: boolean;
  head: HeadCheck['status'] | 'other-incident';
}

export function checkSeal(seal: Seal, incident: string, record: RecordHeads, trusted: readonly string[]): SealCheck {
  const der = Buffer.from(seal.publicKey, 'base64');
  const fingerprint = fingerprintOf(der);
  let signatureValid = false;
  try {
    signatureValid = verify(null, message(seal), createPublicKey({ key: der, format: 'der', type: 'spki' }), Buffer.from(seal.signature, 'base64'));
  } catch {
    signatureValid = false;
  }
  return {
    count: seal.count,
    sealedAt: seal.sealedAt,
    fingerprint,
    trusted: trusted.length === 0 ? undefined : trusted.includes(fingerprint),
    signatureValid,
    head: seal.incident !== incident ? 'other-incident' : checkHead({ count: seal.count, hash: seal.head }, record).status,
  };
}

/** Whether a checked seal vouches for the record: a valid signature by a trusted (or unnamed) key over a head it still has. */
export function sealHolds(check: SealCheck): boolean {
  return check.signatureValid && check.trusted !== false && (check.head === 'matches' || check.head === 'extended');
}
