import { renderRecorded } from '../../render/renderLog.ts';
import { parseValue, printJson, recordOptions } from './shared.ts';
import { declareCommand, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/** `irp correct <incident> <fact> <value> --because "..."`: gives a recorded fact a new value, keeping the old entry. */
const correct = declareCommand({
  words: ['correct'],
  description: 'correct a recorded fact: the new value and the reason are recorded, the original entry stays',
  arguments: [incidentArgument, argument('fact', 'the fact, as irp status shows it (e.g. personalDataInvolved)'), argument('value', 'the new value, as JSON ("yes", 3, true) or a bare word')],
  options: { because: value('text', 'why it is corrected (kept in the record)', { required: true }), json: jsonOutput },
  time: 'when the correct value became known, if earlier than now',
  actor: true,
  async run(context, [incident, fact, value], options) {
    const report = await context.irp.correct(
      incident,
      { fact: fact, value: parseValue(value, `The value "${value}"`), reason: options.because },
      recordOptions(context, options),
    );
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default correct;
