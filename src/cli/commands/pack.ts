import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError, invalidInput } from '../../errors.ts';
import { storageError } from '../../store/storageError.ts';
import { checkEvidencePack, evidencePackMembers, type PackCheck } from '../../pack/evidencePack.ts';
import { unzipArchive, zipArchive } from '../../pack/zipArchive.ts';
import { afterActionHtml } from '../../render/afterActionHtml.ts';
import { decisionLogPage } from '../../render/renderDecisionLog.ts';
import { afterActionDocument } from '../../render/reportDocument.ts';
import { reportDocx } from '../../render/reportDocx.ts';
import { reportMarkdown } from '../../render/reportMarkdown.ts';
import { reportPdf } from '../../render/reportPdf.ts';
import { irpVersion } from '../irpVersion.ts';
import { refuseInside } from './seal.ts';
import { writeOutput } from '../writeOutput.ts';
import { afterActionFor, diagramOf } from './exercise.ts';
import { printJson } from './shared.ts';
import { declareCommand, value, list, jsonOutput, force, argument, incidentArgument } from '../declareCommand.ts';

/** The largest pack `irp verify-pack` reads. */
const MAX_PACK_BYTES = 256 * 1024 * 1024;

/** `irp pack <incident> --out <file.zip> [--key <seal key>]`: the evidence pack of an incident, in one archive. */
const pack = declareCommand({
  words: ['pack'],
  description: 'write the evidence pack of an incident: the record, its head and seals, the decision log, the report (HTML, PDF, Word), every notice as sent, and how to check it, in one ZIP archive',
  arguments: [incidentArgument],
  options: {
    out: value('file', 'the archive to write (never inside the state folder)'),
    force,
    key: value('file', "sign the pack's manifest with this Ed25519 private key (PEM; the seal key)"),
    json: jsonOutput,
  },
  async run(context, [incident], options) {
    if (options.out === undefined) throw invalidInput('--out', 'missing', 'Say where to write the pack: --out <file>.zip.');
    let signingKey: string | undefined;
    if (options.key !== undefined) {
      const keyFile = resolve(options.key);
      refuseInside(context.stateDir, keyFile, 'The seal key');
      try {
        signingKey = readFileSync(keyFile, 'utf8');
      } catch (error) {
        throw storageError(error, keyFile, 'read the key') as Error;
      }
    }
    const id = incident;
    const events = await context.irp.log(id);
    const seals = await context.irp.seals(id);
    const log = await context.irp.decisions(id);
    const report = await afterActionFor(context, id, undefined);
    const doc = afterActionDocument(report);
    const madeAt = context.clock.now();
    let members: Map<string, Uint8Array>;
    try {
      members = evidencePackMembers({
        events,
        seals,
        documents: {
          'decision-log.md': decisionLogPage(log.title, log.inWords),
          'report.md': reportMarkdown(doc),
          'report.html': afterActionHtml(report, { diagram: await diagramOf(context, id) }),
          'report.docx': await reportDocx(doc),
          'report.pdf': await reportPdf(doc, madeAt),
        },
        madeAt,
        madeBy: `irp ${irpVersion()}`,
        signingKey,
      });
    } catch (error) {
      if (signingKey !== undefined && !(error instanceof UserError)) throw invalidInput('--key', 'not-a-key', `--key ${options.key as string}: not an Ed25519 private key irp can sign with (${(error as Error).message}).`);
      throw error;
    }
    const written = writeOutput(options.out, await zipArchive(members, madeAt), { stateDir: context.stateDir, force: options.force === true });
    const signedBy = signingKey === undefined ? undefined : checkEvidencePack(members).signature?.fingerprint;
    if (context.json) return printJson(context, { file: written, members: [...members.keys()], head: report.head, signedBy });
    context.out(`Wrote ${written}: ${members.size} files; the record of ${id} up to event ${report.head.count}, head ${report.head.hash}.`);
    context.out(signedBy ? `Signed with key ${signedBy}. Anyone can check it: ${context.command(`verify-pack ${options.out} --trust ${signedBy}`)}` : `Not signed (give --key to sign it). Anyone can check it: ${context.command(`verify-pack ${options.out}`)}`);
  },
});

/** `irp verify-pack <file> [--trust <fingerprint>]`: checks an evidence pack offline and names what does not match. */
const verifyPack = declareCommand({
  words: ['verify-pack'],
  description: "check an evidence pack offline: every file against its manifest, the manifest against its signature, the record's chain, its seals and its notices; names what does not match",
  arguments: [argument('file', 'the pack (.zip)')],
  options: {
    trust: list('fingerprint', 'the keys to trust (as irp seal and irp pack print them)'),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, [file], options) {
    const path = file;
    let bytes: Buffer;
    try {
      if (statSync(path).size > MAX_PACK_BYTES) throw invalidInput(path, 'too-large', `${path} is larger than ${MAX_PACK_BYTES / 1024 / 1024} MiB; irp does not read a pack that big.`);
      bytes = readFileSync(path);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw invalidInput(path, 'unreadable', `Cannot read the pack ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    const trusted = options.trust ?? [];
    const check = checkEvidencePack(await unzipArchive(new Uint8Array(bytes), path), trusted);
    if (!check.intact) context.exitCode = 2;
    if (context.json) return printJson(context, check);
    context.out(packWords(path, check));
  },
});

function packWords(file: string, check: PackCheck): string {
  const lines = [
    check.intact ? `${file}: intact.` : `${file}: DOES NOT MATCH: ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}.`,
    check.head ? `The record of ${check.incident}: ${check.events} events, head ${check.head.count}:${check.head.hash}.` : 'No readable record.',
  ];
  for (const problem of check.problems) lines.push(`  ✗ ${problem.member}: ${problem.problem}`);
  lines.push(`${check.matched.length} file${check.matched.length === 1 ? '' : 's'} match the manifest.`);
  if (check.signature) lines.push(`The manifest is signed by key ${check.signature.fingerprint}${check.signature.valid ? '' : ' (the signature does NOT hold)'}${check.signature.trusted === undefined ? ' (name the key you expect with --trust)' : check.signature.trusted ? ', which you trust' : ', which is NOT one you trust'}.`);
  else lines.push('The manifest is not signed: a file changed together with the manifest would not be noticed. Compare the head with one written down elsewhere.');
  for (const seal of check.seals) lines.push(`Seal by key ${seal.fingerprint}: ${seal.holds ? 'holds' : 'does NOT hold'}.`);
  return lines.join('\n');
}

export default [pack, verifyPack];
