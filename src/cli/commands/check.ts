import { renderRecorded } from '../../render/renderLog.ts';
import { statusJson } from '../../render/renderStatus.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, value, jsonOutput, variadicArgument, incidentArgument } from '../declareCommand.ts';

/** `irp check <incident> <item>...`: ticks checklist items. */
const check = declareCommand({
  words: ['check'],
  description: 'tick checklist items of the active steps',
  arguments: [incidentArgument, variadicArgument('items', 'checklist item ids (step-path:item-id when two steps share an id)')],
  options: { note: value('text', 'a note kept with the ticks'), json: jsonOutput },
  time: 'when it was done, if earlier than now',
  actor: true,
  async run(context, [incident, items], options) {
    const report = await context.irp.check(incident, items, recordOptions(context, options));
    if (context.json) return printJson(context, statusJson(report, context.clock.now()));
    context.out(renderRecorded(report.recorded, report.playbook));
    const open = report.view.steps.flatMap((s) => s.checklist.filter((i) => i.required && !i.ticked).map((i) => i.id));
    context.out(open.length > 0 ? `Still to tick: ${open.join(', ')}` : 'Every required item of the active steps is ticked.');
  },
});

export default check;
