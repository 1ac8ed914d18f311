import { momentsOf } from '../../clocks/clockSpec.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { formatLondon } from '../../time/london.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, value, jsonOutput, optionalArgument, incidentArgument } from '../declareCommand.ts';

/**
 * `irp aware <incident> <moment>`: records a moment of awareness that starts clocks of its own. Without a moment,
 * lists the moments the incident's clocks start from, and which are recorded.
 */
const aware = declareCommand({
  words: ['aware'],
  description: 'record a moment of awareness that starts clocks of its own, e.g. personal-data-breach (no moment: list them)',
  arguments: [incidentArgument, optionalArgument('moment', "the moment's id (irp aware <incident> lists them)")],
  options: {
    correction: value('text', 'record it again, correcting the earlier time, with the reason the earlier one was wrong'),
    json: jsonOutput,
  },
  time: 'when the organisation became aware, if earlier than now',
  actor: true,
  async run(context, [incident, moment], options) {
    if (moment === undefined) {
      const { view, playbook } = await context.irp.status(incident);
      const moments = [...momentsOf(playbook.clocks)].map(([id, label]) => ({ id, label, recorded: view.moments[id] ?? null }));
      if (context.json) return printJson(context, moments);
      if (moments.length === 0) return context.out(`No clock of playbook ${playbook.id} starts from a moment of its own; they run from the incident's awareness.`);
      for (const m of moments) {
        context.out(`${m.id}  ${m.label}`);
        context.out(m.recorded ? `    recorded: ${formatLondon(new Date(m.recorded.at))} by ${m.recorded.by.name}` : `    not recorded: irp aware ${incident} ${m.id} --at <time>`);
      }
      return;
    }
    const report = await context.irp.recordAwareness(incident, moment, {
      ...recordOptions(context, options),
      correction: options.correction,
    });
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default aware;
