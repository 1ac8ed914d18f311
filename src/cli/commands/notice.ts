import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acknowledgeNotices, pullNotices, receiveFile, signedNotices } from '../../api/exchange.ts';
import { invalidInput } from '../../errors.ts';
import { readExchangeFile } from '../../input/exchangeFile.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { storageError } from '../../store/storageError.ts';
import { writeOutput } from '../writeOutput.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, value, list, jsonOutput, variadicArgument, incidentArgument } from '../declareCommand.ts';

function readKey(file: unknown): string {
  const path = resolve(String(file));
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw storageError(error, path, 'read the key') as Error;
  }
}

const trustOf = (options: { trust?: string[] }): string[] => (options.trust ?? []).map((fingerprint) => fingerprint.toLowerCase());

/** `irp notice export <incident> --key K --out DIR`: one signed file per notice the record holds. */
const noticeExport = declareCommand({
  words: ['notice', 'export'],
  description: "write a signed notice file for every duty the record holds as sent to an organisation (or one organisation's, or one duty's)",
  arguments: [incidentArgument],
  options: {
    key: value('file', 'the Ed25519 private key to sign with (irp seal --new-key makes one)', { required: true }),
    out: value('dir', 'the folder to write the notices into (never inside the state folder)', { required: true }),
    org: value('id', 'only this organisation'),
    duty: value('id', 'only this duty'),
    json: jsonOutput,
  },
  async run(context, [incident], options) {
    const notices = await signedNotices(context.irp, incident, readKey(options.key), {
      organisation: options.org,
      duty: options.duty,
    });
    if (notices.length === 0) throw invalidInput('incident', 'no-notice-to-send', `Incident ${incident} holds no notice to send${options.org ? ` to ${options.org}` : ''}: record a duty done for an organisation first (irp org done).`);
    const written = notices.map((notice) => {
      const name = `${notice.from.incident}.${notice.to.id}.${notice.notice.seq}.notice.json`;
      // The same notice makes the same file every time: writing it again replaces it with the same bytes.
      return writeOutput(join(options.out, name), `${JSON.stringify(notice, null, 2)}\n`, { stateDir: context.stateDir, force: true });
    });
    if (context.json) return printJson(context, written);
    context.out(`Wrote ${written.length} signed notice${written.length === 1 ? '' : 's'} into ${options.out}:`);
    for (const file of written.slice(0, 20)) context.out(`  ${file}`);
    if (written.length > 20) context.out(`  … ${written.length - 20} more`);
  },
});

/** `irp notice receive <incident> <files...> --trust FP`: notices into a customer's incident, acknowledgements into the supplier's. */
const noticeReceive = declareCommand({
  words: ['notice', 'receive'],
  description: "take in signed files: a supplier's notices into your incident, or customers' acknowledgements into the supplier's",
  arguments: [incidentArgument, variadicArgument('files', 'notice or acknowledgement files')],
  options: {
    trust: list('fingerprint', "the sender's key fingerprints to trust (for an acknowledgement, also the key in the register)"),
    json: jsonOutput,
  },
  time: 'when it was received, if earlier than now',
  actor: true,
  async run(context, [incident, ...named], options) {
    // Every file is read and checked for its form before any is taken in.
    const exchanges = named.flat().map((file) => readExchangeFile(file));
    const recorded = [];
    for (const exchange of exchanges) {
      const report = await receiveFile(context.irp, String(incident), exchange, trustOf(options), recordOptions(context, options));
      recorded.push(...report.recorded);
      if (!context.json) context.out(renderRecorded(report.recorded, report.playbook));
    }
    if (context.json) printJson(context, recorded);
  },
});

/** `irp notice ack <incident> [--key K --out DIR]`: acknowledges what was received. */
const noticeAck = declareCommand({
  words: ['notice', 'ack'],
  description: "acknowledge the notices received: signed files to send back (--key, --out), or, on a shared store, straight into the supplier's incident",
  arguments: [incidentArgument],
  options: {
    key: value('file', 'the Ed25519 private key to sign with'),
    out: value('dir', 'the folder to write the acknowledgements into'),
    json: jsonOutput,
  },
  actor: true,
  async run(context, [incident], options) {
    if ((options.key === undefined) !== (options.out === undefined)) throw invalidInput('--key', 'key-without-out', 'Give both --key and --out to write signed acknowledgements, or neither to record them on the shared store.');
    const result = await acknowledgeNotices(context.irp, incident, { ...recordOptions(context), privateKeyPem: options.key === undefined ? undefined : readKey(options.key) });
    const out = options.out;
    const written =
      out === undefined
        ? []
        : result.acknowledgements.map((ack) => writeOutput(join(out, `${ack.from.incident}.ack.${ack.to.seq}.json`), `${JSON.stringify(ack, null, 2)}\n`, { stateDir: context.stateDir, force: true }));
    if (context.json) return printJson(context, { recorded: result.recorded.recorded, written });
    context.out(renderRecorded(result.recorded.recorded, result.recorded.playbook));
    if (written.length > 0) context.out(`Wrote ${written.length} signed acknowledgement${written.length === 1 ? '' : 's'} into ${out}: send them back to the supplier.`);
    else context.out(`Recorded ${result.acknowledgements.length} acknowledgement${result.acknowledgements.length === 1 ? '' : 's'} in the supplier's incident on the shared store.`);
  },
});

/** `irp notice pull <incident>`: on a shared store, the linked supplier's new notices. */
const noticePull = declareCommand({
  words: ['notice', 'pull'],
  description: "on a shared store: take in every notice the linked supplier's incident holds for you and you have not",
  arguments: [incidentArgument],
  options: { json: jsonOutput },
  actor: true,
  async run(context, [incident]) {
    const reports = await pullNotices(context.irp, incident, recordOptions(context));
    if (context.json) return printJson(context, reports.flatMap((r) => r.recorded));
    if (reports.length === 0) return context.out('No new notice from the supplier.');
    for (const report of reports) context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default [noticeExport, noticeReceive, noticeAck, noticePull];
