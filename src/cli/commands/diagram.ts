import { playbookGraph } from '../../diagram/playbookGraph.ts';
import { playbookMermaid } from '../../diagram/mermaid.ts';
import { playbookSvg } from '../../diagram/svg.ts';
import { pathTaken, type PathTaken } from '../../engine/pathTaken.ts';
import { invalidInput } from '../../errors.ts';
import type { LoadedPlaybook } from '../../playbook/loadedPlaybook.ts';
import { writeOutput } from '../writeOutput.ts';
import { declareCommand, value, outFile, force, optionalArgument } from '../declareCommand.ts';

/** `irp diagram <playbook> [--format svg|mermaid] [--incident <id>] [--out <file>]`: the playbook as a statechart. */
const diagram = declareCommand({
  words: ['diagram'],
  description: 'draw a playbook as a statechart: SVG (laid out here, no browser) or Mermaid text; with --incident, where it is and the path it took',
  arguments: [optionalArgument('playbook', "playbook id (the incident's own with --incident)")],
  options: {
    format: value('format', 'output format', { choices: ['svg', 'mermaid'], default: 'svg' }),
    incident: value('id', 'show where this incident is in its playbook and the path it took'),
    out: outFile,
    force,
  },
  sandbox: 'on-demand',
  async run(context, [wanted], options) {
    let playbook: LoadedPlaybook;
    let taken: PathTaken | undefined;
    if (options.incident !== undefined) {
      const report = await context.irp.status(options.incident);
      if (wanted !== undefined && wanted !== report.playbook.id) {
        throw invalidInput('--incident', 'other-playbook', `Incident ${options.incident} runs under ${report.playbook.id}, not ${wanted}: leave out the playbook, or name ${report.playbook.id}.`);
      }
      playbook = report.playbook;
      taken = pathTaken(playbook, report.view.events);
    } else {
      if (wanted === undefined) throw invalidInput('playbook', 'missing', `Name a playbook (${context.catalog.ids().join(', ')}), or give --incident <id>.`);
      playbook = await context.catalog.load(wanted);
    }
    const graph = playbookGraph(playbook);
    const text = options.format === 'mermaid' ? playbookMermaid(graph, taken) : await playbookSvg(graph, taken);
    if (options.out !== undefined) {
      context.out(`Wrote ${writeOutput(options.out, text, { stateDir: context.stateDir, force: options.force === true })}`);
      return;
    }
    context.out(text);
  },
});

export default diagram;
