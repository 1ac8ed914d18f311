import type { ClaimsCheck } from '../../api/claimedActors.ts';
import { offlineCopyLine } from '../../render/renderStatus.ts';
import type { VerifyResult } from '../../api/irp.ts';
import { invalidInput } from '../../errors.ts';
import { formatHead, parseHead, type HeadCheck, type SealCheck } from '../../record/seal.ts';
import { formatLondon } from '../../time/london.ts';
import { plural } from '../../render/text.ts';
import { printJson } from './shared.ts';
import { declareCommand, flag, value, list, jsonOutput, incidentArgument } from '../declareCommand.ts';

/**
 * `irp verify <incident> [--expect <count>:<hash>] [--trust <fingerprint>…]`: checks the record line by line and
 * link by link, then against the anchors kept elsewhere. Exit 0 when everything holds, 2 otherwise.
 */
const verify = declareCommand({
  words: ['verify'],
  description: 'check every line and link of the record, and its anchors (a head written down, seals): exit 0 if all hold, 2 otherwise',
  arguments: [incidentArgument],
  options: {
    expect: value('count:hash', 'a head written down earlier (as irp verify prints it): catches a record cut short or rewritten'),
    trust: list('fingerprint', 'the seal keys to trust (as irp seal prints them)'),
    quick: flag('check in full only what was recorded since the last check on this machine (the bytes before it must hash as they did)'),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    const expect = options.expect === undefined ? undefined : parseHead(options.expect);
    if (options.expect !== undefined && !expect) {
      throw invalidInput('--expect', 'not-a-head', `--expect "${options.expect}" is not a head; give it as irp verify prints it: <count>:<hash> (at least 16 hex digits).`);
    }
    const trust = (options.trust ?? []).map((text) => text.trim().toLowerCase());
    for (const fingerprint of trust) {
      if (!/^[0-9a-f]{16}$/.test(fingerprint)) throw invalidInput('--trust', 'not-a-fingerprint', `--trust "${fingerprint}" is not a key fingerprint (16 hex digits, as irp seal prints).`);
    }
    const result = await context.irp.verify(incident, { expect, trust, quick: options.quick === true });
    if (!result.intact) context.exitCode = 2;
    if (context.json) return printJson(context, { incident, ...result });
    const lines = describe(incident, result);
    if (options.quick === true && result.intact) lines.splice(1, 0, 'Quick check: what was verified before on this machine was found unchanged (its bytes hash as they did); the rest was checked line by line. Leave out --quick to check every line again.');
    for (const line of lines) (result.intact ? context.out : context.warn)(line);
  },
});

function describe(incident: string, result: VerifyResult): string[] {
  const lines: string[] = [];
  if (result.problem) {
    const { line, seq, reason } = result.problem;
    lines.push(`irp: ${incident}: NOT INTACT. ${seq === undefined ? `Line ${line}` : `Event ${seq} (line ${line})`}: ${reason}.`);
  } else if (result.head) {
    lines.push(`${incident}: the chain is intact. ${plural(result.events, "event")}, each in canonical form, each hash matching its content and linking to the one before.`);
    lines.push(`Head: ${formatHead(result.head)}  (write this down elsewhere; irp verify --expect ${formatHead(result.head)} checks it later)`);
  }
  if (result.tornBytes > 0) {
    lines.push(`Note: ${result.tornBytes} bytes after the last complete entry are a write cut off before it was acknowledged; they are not part of the record and will be set aside by the next entry.`);
  }
  for (const file of result.setAside) lines.push(`Note: an earlier cut-off write was set aside in ${file}.`);
  if (result.expected) lines.push(expectation(result.expected));
  for (const copy of result.offlineCopies ?? []) lines.push(offlineCopyLine(incident, copy));
  if (result.claims) lines.push(...claimsLines(result.claims));
  if (result.seals.length === 0 && !result.problem) lines.push('No seals (irp seal signs the head with a key kept outside the state folder).');
  for (const seal of result.seals) lines.push(sealLine(seal));
  return lines;
}

const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;

/** What the shared store's stamp on each row says of the names the entries claim. */
function claimsLines(claims: ClaimsCheck): string[] {
  const lines: string[] = [];
  for (const forged of claims.forged) {
    lines.push(`irp: NOT AS CLAIMED: event ${forged.seq} claims to be by ${forged.claimed}, but was stored by the login ${forged.login}, which is ${forged.person}${forged.organisation ? ` (${forged.organisation})` : ''}.`);
  }
  if (claims.checked > 0 && claims.forged.length === 0) lines.push(`Who made each entry: ${entries(claims.checked)} stored by people of irp, each by the person it names.`);
  for (const unknown of claims.unknownLogins) lines.push(`Note: ${entries(unknown.entries)} stored by the login ${unknown.login}, which is not a person of irp: what they claim cannot be checked.`);
  if (claims.unstamped > 0) lines.push(`Note: ${entries(claims.unstamped)} stored before the store stamped logins (schema 2).`);
  return lines;
}

function expectation(check: HeadCheck): string {
  const written = formatHead(check.head);
  switch (check.status) {
    case 'matches':
      return `The head written down (${written}) is the record's head now.`;
    case 'extended':
      return `The head written down (${written}) is still in the record; ${check.now.count - check.head.count} events were recorded after it.`;
    case 'truncated':
      return `irp: TRUNCATED: the head written down names event ${check.head.count}, but the record now has only ${check.now.count} events.`;
    case 'rewritten':
      return `irp: REWRITTEN: event ${check.head.count} now has hash ${check.found}, not the ${check.head.hash} written down.`;
  }
}

function sealLine(seal: SealCheck): string {
  const by = `key ${seal.fingerprint}${seal.trusted === false ? ' (NOT a key you trust)' : seal.trusted ? ' (trusted)' : ''}`;
  const what = `seal of event ${seal.count}, ${formatLondon(new Date(seal.sealedAt))}, by ${by}`;
  if (!seal.signatureValid) return `irp: BAD SEAL: the signature of the ${what} does not verify.`;
  if (seal.head === 'truncated') return `irp: TRUNCATED below a seal: the ${what} names an event the record no longer has.`;
  if (seal.head === 'rewritten') return `irp: REWRITTEN under a seal: the ${what} names a different event ${seal.count}.`;
  if (seal.head === 'other-incident') return `irp: BAD SEAL: the ${what} is for another incident.`;
  if (seal.trusted === false) return `irp: the ${what} holds, but not by a key you named with --trust.`;
  return `Sealed: the ${what} holds.`;
}

export default verify;
