import { renderRecorded } from '../../render/renderLog.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { parseData, printJson, recordOptions } from './shared.ts';
import { declareCommand, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/** `irp step <incident> <EVENT>`: records one decision. */
const step = declareCommand({
  words: ['step'],
  description: 'record a decision (an event the playbook offers now)',
  arguments: [incidentArgument, argument('event', 'the decision, as listed by irp status')],
  options: {
    data: value('json', "the decision's data, as a JSON object"),
    rationale: value('text', 'why it was taken, for the decision log (needed where the playbook says)'),
    lateReasons: value('text', 'the reasons for the delay, for a notification after its legal deadline (UK GDPR Art. 33(1))'),
    note: value('text', 'a note kept with the decision'),
    json: jsonOutput,
  },
  time: 'when it happened, if earlier than now',
  actor: true,
  async run(context, [incident, event], options) {
    const payload = parseData(options.data);
    const decision = { event, payload, rationale: options.rationale, lateReasons: options.lateReasons };
    const report = await context.irp.step(incident, decision, recordOptions(context, options));
    const now = context.clock.now();
    if (context.json) return printJson(context, statusJson(report, now));
    context.out(renderRecorded(report.recorded, report.playbook));
    context.out(renderStatus(report, now));
  },
});

export default step;
