import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acknowledgeNotices, pullNotices, receiveFile, signedNotices } from '../../api/exchange.ts';
import { UserError } from '../../errors.ts';
import { readExchangeFile } from '../../input/exchangeFile.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { storageError } from '../../store/storageError.ts';
import type { CliContext } from '../context.ts';
import { writeOutput } from '../writeOutput.ts';
import { printJson, recordOptions } from './shared.ts';

function readKey(file: unknown): string {
  const path = resolve(String(file));
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw storageError(error, path, 'read the key') as Error;
  }
}

const trustOf = (options: Record<string, unknown>): string[] => (Array.isArray(options.trust) ? options.trust.map((f) => String(f).toLowerCase()) : []);

/** `irp notice export <incident> --key K --out DIR`: one signed file per notice the record holds. */
export async function noticeExport(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const notices = await signedNotices(context.irp, incident as string, readKey(options.key), {
    organisation: typeof options.org === 'string' ? options.org : undefined,
    duty: typeof options.duty === 'string' ? options.duty : undefined,
  });
  if (notices.length === 0) throw new UserError(`Incident ${incident} holds no notice to send${options.org ? ` to ${String(options.org)}` : ''}: record a duty done for an organisation first (irp org done).`);
  const written = notices.map((notice) => {
    const name = `${notice.from.incident}.${notice.to.id}.${notice.notice.seq}.notice.json`;
    // The same notice makes the same file every time: writing it again replaces it with the same bytes.
    return writeOutput(join(String(options.out), name), `${JSON.stringify(notice, null, 2)}\n`, { stateDir: context.stateDir, force: true });
  });
  if (context.json) return printJson(context, written);
  context.out(`Wrote ${written.length} signed notice${written.length === 1 ? '' : 's'} into ${String(options.out)}:`);
  for (const file of written.slice(0, 20)) context.out(`  ${file}`);
  if (written.length > 20) context.out(`  … ${written.length - 20} more`);
}

/** `irp notice receive <incident> <files...> --trust FP`: notices into a customer's incident, acknowledgements into the supplier's. */
export async function noticeReceive(context: CliContext, [incident, ...named]: Array<string | string[]>, options: Record<string, unknown>): Promise<void> {
  // Every file is read and checked for its form before any is taken in.
  const exchanges = named.flat().map((file) => readExchangeFile(file));
  const recorded = [];
  for (const exchange of exchanges) {
    const report = await receiveFile(context.irp, String(incident), exchange, trustOf(options), recordOptions(context, options));
    recorded.push(...report.recorded);
    if (!context.json) context.out(renderRecorded(report.recorded, report.playbook));
  }
  if (context.json) printJson(context, recorded);
}

/** `irp notice ack <incident> [--key K --out DIR]`: acknowledges what was received. */
export async function noticeAck(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  if ((options.key === undefined) !== (options.out === undefined)) throw new UserError('Give both --key and --out to write signed acknowledgements, or neither to record them on the shared store.');
  const result = await acknowledgeNotices(context.irp, incident as string, { ...recordOptions(context, options), privateKeyPem: options.key === undefined ? undefined : readKey(options.key) });
  const written =
    options.out === undefined
      ? []
      : result.acknowledgements.map((ack) =>
          writeOutput(join(String(options.out), `${ack.from.incident}.ack.${ack.to.seq}.json`), `${JSON.stringify(ack, null, 2)}\n`, { stateDir: context.stateDir, force: true }),
        );
  if (context.json) return printJson(context, { recorded: result.recorded.recorded, written });
  context.out(renderRecorded(result.recorded.recorded, result.recorded.playbook));
  if (written.length > 0) context.out(`Wrote ${written.length} signed acknowledgement${written.length === 1 ? '' : 's'} into ${String(options.out)}: send them back to the supplier.`);
  else context.out(`Recorded ${result.acknowledgements.length} acknowledgement${result.acknowledgements.length === 1 ? '' : 's'} in the supplier's incident on the shared store.`);
}

/** `irp notice pull <incident>`: on a shared store, the linked supplier's new notices. */
export async function noticePull(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const reports = await pullNotices(context.irp, incident as string, recordOptions(context, options));
  if (context.json) return printJson(context, reports.flatMap((r) => r.recorded));
  if (reports.length === 0) return context.out('No new notice from the supplier.');
  for (const report of reports) context.out(renderRecorded(report.recorded, report.playbook));
}
