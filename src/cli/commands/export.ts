import { exportCacao } from '../../cacao/exportCacao.ts';
import { writeOutput } from '../writeOutput.ts';
import { declareCommand, value, outFile, force, argument } from '../declareCommand.ts';

/** `irp export <playbook> --format cacao [--out file]`: the playbook as a CACAO v2.0 playbook, deterministic. */
const exportPlaybook = declareCommand({
  words: ['export'],
  description: 'write a playbook as an OASIS CACAO v2.0 playbook (JSON), the same file every time',
  arguments: [argument('playbook', 'playbook id')],
  options: {
    format: value('format', 'output format', { choices: ['cacao'], default: 'cacao' }),
    out: outFile,
    force,
  },
  sandbox: 'on-demand',
  async run(context, [id], options) {
    const playbook = await context.catalog.load(id);
    const text = `${JSON.stringify(exportCacao(playbook), null, 2)}\n`;
    if (options.out !== undefined) {
      context.out(`Wrote ${writeOutput(options.out, text, { stateDir: context.stateDir, force: options.force === true })}`);
      return;
    }
    context.out(text);
  },
});

export default exportPlaybook;
