import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { fingerprintOf, publicKeyDer } from './seal.ts';
import { NATIONS } from './organisation.ts';

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const head = z.strictObject({ count: z.number().int().min(1), hash });
const instant = z.iso.datetime({ offset: true });

/**
 * A notice from one organisation's incident to another's: a supplier telling a customer (a controller) of the
 * breach, what is known, its restore point, that it may reconnect. It is built from one entry of the sender's
 * record (the duty done for that organisation), carries where the record stood at that entry, and is signed with
 * the sender's Ed25519 seal key, so that the receiver can take it in without trusting the channel it came by.
 */
export const noticeSchema = z.strictObject({
  format: z.literal('irp-notice-v1'),
  from: z.strictObject({ incident: z.string().min(1).max(200), title: z.string().min(1).max(500), head }),
  /** The organisation told, as the sender's register has it: its nation lets the receiver open its incident for it. */
  to: z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1).max(200), ods: z.string().max(10).optional(), nation: z.enum(NATIONS).optional() }),
  notice: z.strictObject({
    seq: z.number().int().min(1),
    hash,
    duty: z.string().min(1).max(64),
    label: z.string().min(1).max(500),
    toldAt: instant,
    product: z.string().min(1).max(100).optional(),
    how: z.string().min(1).max(500).optional(),
    reference: z.string().min(1).max(500).optional(),
  }),
  /** The data recorded with the duty: a restore point, the last good copy, the outage's start. */
  details: z.record(z.string(), z.unknown()).optional(),
  /** What the sender's record says is known, as label and value. */
  known: z.array(z.strictObject({ label: z.string().min(1).max(200), value: z.string().max(2000) })).max(50),
  /** What is asked of the receiver. */
  asks: z.string().min(1).max(4000),
  publicKey: z.string().min(1).max(200),
  signature: z.string().min(1).max(200),
});
export type Notice = z.infer<typeof noticeSchema>;
export type NoticeBody = Omit<Notice, 'publicKey' | 'signature'>;

/** A receiver's signed acknowledgement of one notice, which the sender takes into its own record. */
export const acknowledgementSchema = z.strictObject({
  format: z.literal('irp-ack-v1'),
  to: z.strictObject({ incident: z.string().min(1).max(200), seq: z.number().int().min(1), hash }),
  from: z.strictObject({ incident: z.string().min(1).max(200), organisation: z.string().min(1).max(64), head }),
  acknowledgedAt: instant,
  publicKey: z.string().min(1).max(200),
  signature: z.string().min(1).max(200),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;
export type AcknowledgementBody = Omit<Acknowledgement, 'publicKey' | 'signature'>;

/** The bytes signed: the format's name, then the canonical JSON (RFC 8785) of everything but the signature. */
const signedBytes = (signed: Record<string, unknown>): Buffer => {
  const { signature: _, ...rest } = signed;
  return Buffer.from(`${String(rest.format)}\n${canonicalize(rest) as string}`);
};

/** Signs a notice or an acknowledgement with an Ed25519 private key (PEM). */
export function signExchange<T extends NoticeBody | AcknowledgementBody>(body: T, privateKeyPem: string): T & { publicKey: string; signature: string } {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('a signing key must be an Ed25519 private key');
  const withKey = { ...body, publicKey: publicKeyDer(key).toString('base64') };
  return { ...withKey, signature: sign(null, signedBytes(withKey), key).toString('base64') };
}

/** What checking a signed notice or acknowledgement found: whether the signature holds, and whose key made it. */
export interface ExchangeCheck {
  signatureValid: boolean;
  fingerprint: string;
}

export function checkExchange(signed: Notice | Acknowledgement): ExchangeCheck {
  let fingerprint = '';
  try {
    const der = Buffer.from(signed.publicKey, 'base64');
    fingerprint = fingerprintOf(der);
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return { signatureValid: verify(null, signedBytes(signed), key, Buffer.from(signed.signature, 'base64')), fingerprint };
  } catch {
    return { signatureValid: false, fingerprint };
  }
}

/** The largest notice or acknowledgement file read: far above any real one, small enough to refuse a flood. */
export const MAX_EXCHANGE_BYTES = 256 * 1024;
