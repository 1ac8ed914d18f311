import { findClock } from '../../notify/buildDraft.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, flag, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/** `irp reported <incident> <clock> [--follow-up]`: records a report made outside the playbook's own decision. */
const reported = declareCommand({
  words: ['reported'],
  description: "record a report made to a clock's recipient outside the playbook's decision: a follow-up, or a re-opened clock's report",
  arguments: [incidentArgument, argument('clock-or-recipient', 'a clock id or a word of the recipient, e.g. ico')],
  options: {
    followUp: flag('a further report after the first (what is now known)'),
    reference: value('text', 'the reference the recipient gave'),
    lateReasons: value('text', 'the reasons for the delay, for a report after its legal deadline (UK GDPR Art. 33(1))'),
    note: value('text', 'a note kept with it'),
    json: jsonOutput,
  },
  time: 'when the report was made, if earlier than now',
  actor: true,
  async run(context, [incident, wanted], options) {
    const { clocks } = await context.irp.status(incident);
    const clock = findClock(clocks, wanted).clock.id;
    const report = await context.irp.reported(
      incident,
      {
        clock,
        followUp: options.followUp === true,
        reference: options.reference,
        lateReasons: options.lateReasons,
      },
      recordOptions(context, options),
    );
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default reported;
