import { exportCacao } from '../../cacao/exportCacao.ts';
import type { CliContext } from '../context.ts';
import { writeOutput } from '../writeOutput.ts';

/** `irp export <playbook> --format cacao [--out file]`: the playbook as a CACAO v2.0 playbook, deterministic. */
export default async function exportPlaybook(context: CliContext, [id]: string[], options: Record<string, unknown>): Promise<void> {
  const playbook = await context.catalog.load(id as string);
  const text = `${JSON.stringify(exportCacao(playbook), null, 2)}\n`;
  if (typeof options.out === 'string') {
    context.out(`Wrote ${writeOutput(options.out, text, { stateDir: context.stateDir, force: options.force === true })}`);
    return;
  }
  context.out(text);
}
