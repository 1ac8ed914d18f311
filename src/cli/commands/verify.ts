import type { CliContext } from '../context.ts';
import { printJson } from './shared.ts';

/** `irp verify <incident>`: checks the hash chain; exit 2 naming the first bad event. */
export default async function verify(context: CliContext, [incident]: string[]): Promise<void> {
  const result = await context.irp.verify(incident as string);
  if (!result.intact) process.exitCode = 2;
  if (context.json) return printJson(context, { incident, ...result });
  if (result.intact) {
    context.out(`${incident}: intact. ${result.events} events, each hash matches its content and links to the one before.`);
  } else {
    const { line, seq, reason } = result.problem;
    const what = seq === undefined ? `Line ${line}` : `Event ${seq} (line ${line})`;
    process.stderr.write(`irp: ${incident}: NOT INTACT. ${what}: ${reason}.\n`);
  }
}
