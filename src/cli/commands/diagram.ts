import { playbookGraph } from '../../diagram/playbookGraph.ts';
import { playbookMermaid } from '../../diagram/mermaid.ts';
import { playbookSvg } from '../../diagram/svg.ts';
import { pathTaken, type PathTaken } from '../../engine/pathTaken.ts';
import { UserError } from '../../errors.ts';
import type { LoadedPlaybook } from '../../playbook/loadedPlaybook.ts';
import type { CliContext } from '../context.ts';
import { writeOutput } from '../writeOutput.ts';

/** `irp diagram <playbook> [--format svg|mermaid] [--incident <id>] [--out <file>]`: the playbook as a statechart. */
export default async function diagram(context: CliContext, [wanted]: string[], options: Record<string, unknown>): Promise<void> {
  let playbook: LoadedPlaybook;
  let taken: PathTaken | undefined;
  if (typeof options.incident === 'string') {
    const report = await context.irp.status(options.incident);
    if (wanted !== undefined && wanted !== report.playbook.id) {
      throw new UserError(`Incident ${options.incident} runs under ${report.playbook.id}, not ${wanted}: leave out the playbook, or name ${report.playbook.id}.`);
    }
    playbook = report.playbook;
    taken = pathTaken(playbook, report.view.events);
  } else {
    if (wanted === undefined) throw new UserError(`Name a playbook (${context.catalog.ids().join(', ')}), or give --incident <id>.`);
    playbook = await context.catalog.load(wanted);
  }
  const graph = playbookGraph(playbook);
  const text = options.format === 'mermaid' ? playbookMermaid(graph, taken) : await playbookSvg(graph, taken);
  if (typeof options.out === 'string') {
    context.out(`Wrote ${writeOutput(options.out, text, { stateDir: context.stateDir, force: options.force === true })}`);
    return;
  }
  context.out(text);
}
