import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { findChainProblem, serialiseEvent } from '../record/hashChain.ts';
import { recordedEventSchema, type RecordedEvent } from '../record/recordedEvent.ts';
import { checkSeal, fingerprintOf, headOf, headsOf, publicKeyDer, sealHolds, sealSchema, type Seal } from '../record/seal.ts';

/**
 * The evidence pack: one archive a regulator, an insurer or an inquiry can keep and check without irp's store. Its
 * members, by name:
 *
 * - `record.jsonl`: the record, each line exactly as irp hashes it; `head.txt`: its head (`count:hash`);
 * - `seals.json`: the seals made of it, with `keys.txt`, the fingerprints of the keys that made them;
 * - `decision-log.md`; `report.md`, `report.html`, `report.docx`, `report.pdf`: the after-action report;
 * - `notices/<entry>-<clock>.txt`: every notice as it was sent, the text the record holds;
 * - `HOW-TO-CHECK.md`: how to check all of it, with irp or without;
 * - `manifest.json`: every other member's SHA-256 and size, and the head; `manifest.sig`, when the pack was signed
 *   with a seal key, the Ed25519 signature of the manifest's bytes.
 */
export const MANIFEST = 'manifest.json';
export const MANIFEST_SIGNATURE = 'manifest.sig';

const manifestSchema = z.strictObject({
  format: z.literal('irp-evidence-pack-1'),
  incident: z.string().min(1),
  head: z.strictObject({ count: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  madeAt: z.iso.datetime({ offset: true }),
  madeBy: z.string().min(1),
  members: z.record(z.string(), z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) })),
  /** The signing key's public half, DER (SPKI) in base64, when `manifest.sig` is there. */
  signedBy: z.string().min(1).optional(),
});
export type PackManifest = z.infer<typeof manifestSchema>;

export interface PackContents {
  events: readonly RecordedEvent[];
  seals: readonly Seal[];
  /** Documents made from the record: the decision log and the report in each format, by member name. */
  documents: Record<string, string | Uint8Array>;
  madeAt: Date;
  madeBy: string;
  /** An Ed25519 private key (PEM) to sign the manifest with (a site's seal key). */
  signingKey?: string | undefined;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (content: string | Uint8Array) => (typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content);

/** The members of the pack, by name (pure: what goes in is given). */
export function evidencePackMembers(contents: PackContents): Map<string, Uint8Array> {
  const head = headOf(contents.events);
  const incident = contents.events[0]?.incident ?? '';
  const members = new Map<string, Uint8Array>();
  const add = (name: string, content: string | Uint8Array) => members.set(name, bytesOf(content));
  add('record.jsonl', contents.events.map((event) => `${serialiseEvent(event)}\n`).join(''));
  add('head.txt', `${head.count}:${head.hash}\n`);
  add('seals.json', `${JSON.stringify(contents.seals, null, 2)}\n`);
  const keys = [...new Set(contents.seals.map((seal) => fingerprintOf(Buffer.from(seal.publicKey, 'base64'))))];
  add('keys.txt', keys.length === 0 ? 'No seal has been made of this record.\n' : `${keys.map((key) => `${key}\n`).join('')}`);
  for (const [name, content] of Object.entries(contents.documents)) add(name, content);
  for (const event of contents.events) if (event.kind === 'notification.sent') add(noticeName(event), event.data.text);
  add('HOW-TO-CHECK.md', howToCheck(incident, head));
  const signer = contents.signingKey ? createPrivateKey(contents.signingKey) : undefined;
  if (signer && signer.asymmetricKeyType !== 'ed25519') throw new TypeError('a pack is signed with an Ed25519 private key');
  const manifest: PackManifest = {
    format: 'irp-evidence-pack-1',
    incident,
    head,
    madeAt: contents.madeAt.toISOString(),
    madeBy: contents.madeBy,
    members: Object.fromEntries([...members].map(([name, bytes]) => [name, { sha256: sha256(bytes), bytes: bytes.length }])),
    ...(signer ? { signedBy: publicKeyDer(signer).toString('base64') } : {}),
  };
  const manifestBytes = bytesOf(`${JSON.stringify(manifest, null, 2)}\n`);
  members.set(MANIFEST, manifestBytes);
  if (signer) members.set(MANIFEST_SIGNATURE, bytesOf(`${sign(null, manifestBytes, signer).toString('base64')}\n`));
  return members;
}

/** Where a notice as sent is kept in the pack: `notices/0042-ico-art33.txt`. */
function noticeName(event: Extract<RecordedEvent, { kind: 'notification.sent' }>): string {
  return `notices/${String(event.seq).padStart(4, '0')}-${event.data.clock.replace(/[^a-z0-9-]/gi, '_')}.txt`;
}

/** What checking a pack found: each member that does not match is named, with why. */
export interface PackCheck {
  incident: string | undefined;
  head: { count: number; hash: string } | undefined;
  events: number;
  /** The members that matched the manifest. */
  matched: string[];
  problems: Array<{ member: string; problem: string }>;
  seals: Array<{ fingerprint: string; holds: boolean; trusted: boolean | undefined }>;
  /** Whether the manifest is signed, by which key, and whether the signature holds. */
  signature: { fingerprint: string; valid: boolean; trusted: boolean | undefined } | undefined;
  intact: boolean;
}

/**
 * Checks a pack's members, offline: each against the manifest, the manifest against its signature, the record's
 * chain and head, the seals over it, and each notice against the text the record holds. Pure.
 */
export function checkEvidencePack(members: ReadonlyMap<string, Uint8Array>, trusted: readonly string[] = []): PackCheck {
  const problems: PackCheck['problems'] = [];
  const matched: string[] = [];
  const text = (name: string) => Buffer.from(members.get(name) ?? new Uint8Array()).toString('utf8');
  let manifest: PackManifest | undefined;
  if (!members.has(MANIFEST)) problems.push({ member: MANIFEST, problem: 'missing: the pack has no list of its members' });
  else {
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(text(MANIFEST)));
      if (parsed.success) manifest = parsed.data;
      else problems.push({ member: MANIFEST, problem: `not a manifest irp wrote: ${parsed.error.issues[0]?.path.join('.') || 'its shape'}` });
    } catch {
      problems.push({ member: MANIFEST, problem: 'not JSON' });
    }
  }
  let signature: PackCheck['signature'];
  if (manifest?.signedBy !== undefined) {
    const der = Buffer.from(manifest.signedBy, 'base64');
    const fingerprint = fingerprintOf(der);
    let valid = false;
    try {
      valid = verify(null, members.get(MANIFEST) as Uint8Array, createPublicKey({ key: der, format: 'der', type: 'spki' }), Buffer.from(text(MANIFEST_SIGNATURE).trim(), 'base64'));
    } catch {
      valid = false;
    }
    signature = { fingerprint, valid, trusted: trusted.length === 0 ? undefined : trusted.includes(fingerprint) };
    if (!members.has(MANIFEST_SIGNATURE)) problems.push({ member: MANIFEST_SIGNATURE, problem: 'missing: the manifest says it is signed' });
    else if (!valid) problems.push({ member: MANIFEST, problem: 'does not match its signature (manifest.sig): the manifest, or the signature, was changed' });
    if (signature.trusted === false) problems.push({ member: MANIFEST_SIGNATURE, problem: `signed by key ${fingerprint}, not one of the keys trusted` });
  } else if (manifest && members.has(MANIFEST_SIGNATURE)) {
    problems.push({ member: MANIFEST_SIGNATURE, problem: 'a signature, but the manifest names no key that made it' });
  }
  if (manifest) {
    for (const [name, expected] of Object.entries(manifest.members)) {
      const bytes = members.get(name);
      if (!bytes) problems.push({ member: name, problem: 'missing' });
      else if (bytes.length !== expected.bytes || sha256(bytes) !== expected.sha256) {
        // Unsigned, the manifest may be what changed: the two cannot be told apart, and the words say so.
        const which = signature?.valid ? 'changed' : 'changed, or its line in the manifest was';
        problems.push({ member: name, problem: `${which}: its SHA-256 is ${sha256(bytes)}, the manifest says ${expected.sha256}` });
      }
      else matched.push(name);
    }
    for (const name of members.keys()) {
      if (name !== MANIFEST && name !== MANIFEST_SIGNATURE && !(name in manifest.members)) problems.push({ member: name, problem: 'not in the manifest: added to the pack after it was made' });
    }
  }

  // The record itself: every line an event, a whole chain, and the head the manifest and head.txt give.
  const events: RecordedEvent[] = [];
  const lines = text('record.jsonl').split('\n').filter((line) => line !== '');
  for (const [index, line] of lines.entries()) {
    try {
      const parsed = recordedEventSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error('shape');
      events.push(parsed.data);
    } catch {
      problems.push({ member: 'record.jsonl', problem: `line ${index + 1} is not an irp event` });
      break;
    }
  }
  const chain = events.length === lines.length ? findChainProblem(events) : undefined;
  if (chain) problems.push({ member: 'record.jsonl', problem: `event ${chain.seq}: ${chain.reason}` });
  const head = events.length > 0 ? headOf(events) : undefined;
  if (!head && members.has('record.jsonl')) problems.push({ member: 'record.jsonl', problem: 'holds no event' });
  if (head && manifest && (manifest.head.count !== head.count || manifest.head.hash !== head.hash)) {
    problems.push({ member: 'record.jsonl', problem: `ends at ${head.count}:${head.hash}, the manifest says ${manifest.head.count}:${manifest.head.hash}` });
  }
  if (head && members.has('head.txt') && text('head.txt').trim() !== `${head.count}:${head.hash}`) problems.push({ member: 'head.txt', problem: `says ${text('head.txt').trim()}, the record ends at ${head.count}:${head.hash}` });

  // Seals over the record's head, and each notice as sent against the record's text of it.
  const seals: PackCheck['seals'] = [];
  if (members.has('seals.json') && events.length > 0) {
    const parsed = z.array(sealSchema).safeParse((() => {
      try {
        return JSON.parse(text('seals.json'));
      } catch {
        return undefined;
      }
    })());
    if (!parsed.success) problems.push({ member: 'seals.json', problem: 'not a list of irp seals' });
    else {
      for (const seal of parsed.data) {
        const check = checkSeal(seal, events[0]?.incident ?? '', headsOf(events), trusted);
        seals.push({ fingerprint: check.fingerprint, holds: sealHolds(check), trusted: check.trusted });
        if (!sealHolds(check)) problems.push({ member: 'seals.json', problem: `the seal of ${check.count} events by key ${check.fingerprint} does not hold (${check.signatureValid ? check.head : 'bad signature'})` });
      }
    }
  }
  for (const event of events) {
    if (event.kind !== 'notification.sent') continue;
    const name = noticeName(event);
    if (!members.has(name)) problems.push({ member: name, problem: `missing: entry ${event.seq} records this notice as sent` });
    else if (text(name) !== event.data.text) problems.push({ member: name, problem: `is not the text entry ${event.seq} of the record holds (SHA-256 ${event.data.sha256})` });
  }
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.member === p.member && q.problem === p.problem) === i);
  return {
    incident: events[0]?.incident ?? manifest?.incident,
    head,
    events: events.length,
    matched: matched.filter((name) => !unique.some((p) => p.member === name)),
    problems: unique,
    seals,
    signature,
    intact: unique.length === 0,
  };
}

function howToCheck(incident: string, head: { count: number; hash: string }): string {
  return `# How to check this evidence pack

This archive holds the record of incident ${incident} as irp kept it, up to event ${head.count}, whose hash is
${head.hash}, and what was made from it.

## With irp

    irp verify-pack <this file> [--trust <key fingerprint>]

checks every member against \`manifest.json\`, the manifest against its signature (\`manifest.sig\`, when the
pack was signed with a seal key), every line of the record and every link of its hash chain, the head, every
seal over the record, and every notice as sent against the text the record holds. It names each member that does
not match. Ask the organisation for the fingerprint of its seal key by another channel, and pass it with
\`--trust\`.

## Without irp

- \`record.jsonl\` is the record, one event a line, in RFC 8785 canonical JSON. An event's \`hash\` is the SHA-256
  (hex) of its line with the \`hash\` member taken out; its \`prevHash\` is the hash of the event before (64 zeros
  for the first). The last event's hash is the head above: a head written down elsewhere at the time (a ticket, an
  email) proves the record has not been changed since.
- Each file of \`manifest.json\` is listed with its SHA-256 (\`sha256sum\` prints it) and its size in bytes.
- \`seals.json\`: each seal is an Ed25519 signature, by the key in \`publicKey\` (DER, base64), of the text
  \`irp-seal-v1\\n<incident>\\n<count>\\n<head>\\n<sealedAt>\\n\`. \`keys.txt\` lists the keys' fingerprints
  (the first 16 hex digits of the SHA-256 of the DER key).
- \`notices/\`: each notice as it was sent; its SHA-256 is in the record's \`notification.sent\` entry.
- The reports and the decision log are made from the record; each carries the head it was made from.
`;
}
