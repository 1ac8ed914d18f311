import { isProblem, UserError, invalidInput } from '../../errors.ts';
import { actionCardsDocument } from '../../render/actionCards.ts';
import { reportHtml } from '../../render/reportHtml.ts';
import { reportPdf } from '../../render/reportPdf.ts';
import { writeOutput } from '../writeOutput.ts';
import { settingChoices } from '../../input/settingChoices.ts';
import { resolveSettings } from '../../playbook/incidentSettings.ts';
import { playbookIn } from '../../playbook/playbookIn.ts';
import { declareCommand, value, list, force, argument } from '../declareCommand.ts';

/**
 * `irp print <playbook-or-incident>`: A4 action cards a role, a card of the clocks (their deadlines written out
 * for an incident) and a paper log sheet, as printable HTML or PDF.
 */
const print = declareCommand({
  words: ['print'],
  description: 'A4 action cards for when every laptop is down: a card a role (steps, checklists and decisions with short codes, room for times and names), the clocks with their deadlines, and a paper log sheet',
  arguments: [argument('playbook-or-incident', 'a playbook id (print before you need them), or an incident (its deadlines written out)')],
  options: {
    format: value('format', 'printable HTML, or PDF (needs --out)', { choices: ['html', 'pdf'], default: 'html' }),
    out: value('file', 'write to a file (never inside the state folder)'),
    force,
    set: list('setting=choice', "for a playbook: its settings, such as nation=scotland (an incident's are its own)", { env: 'IRP_SET' }),
  },
  sandbox: 'on-demand',
  async run(context, [target], options) {
    const format = options.format ?? 'html';
    if (format === 'pdf' && options.out === undefined) throw invalidInput('--out', 'needed-for-format', '--format pdf is a file: give it with --out cards.pdf.');
    const name = target;
    let doc;
    try {
      const report = await context.irp.status(name);
      doc = actionCardsDocument(report.playbook, { id: name, title: report.view.title, awareAt: report.view.awareAt, clocks: report.clocks });
    } catch (error) {
      if (!isProblem(error, 'no-incident') && !isProblem(error, 'bad-incident-id')) throw error;
      if (!context.catalog.ids().includes(name)) throw invalidInput('playbook-or-incident', 'not-found', `${name} is neither an incident nor a playbook here. Playbooks: ${context.catalog.ids().join(', ')}.`);
      // Printed before it is needed, for the nation, guidance and law chosen (the defaults where left out).
      const playbook = await context.catalog.load(name);
      const settings = resolveSettings(playbook.settings, settingChoices(options.set, '--set'));
      if (!settings.ok) throw new UserError({ code: 'bad-settings', playbook: playbook.id, problems: settings.problems });
      doc = actionCardsDocument(playbookIn(playbook, { awareAt: context.clock.now(), settings: settings.settings }));
    }
    const content = format === 'pdf' ? await reportPdf(doc, context.clock.now()) : reportHtml(doc);
    if (options.out !== undefined) {
      context.out(`Wrote ${writeOutput(options.out, content, { stateDir: context.stateDir, force: options.force === true })}`);
      return;
    }
    context.out(content as string);
  },
});

export default print;
