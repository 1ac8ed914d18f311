import { invalidInput } from '../../errors.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/**
 * `irp handover <incident> <name> [--to-role <role>] [--takeover "why"]`: the commander hands command over; anyone
 * else takes it over, saying why (recorded, and shown with who is in command).
 */
const handover = declareCommand({
  words: ['handover'],
  description: 'hand command over (the commander), or take it over saying why (anyone else): one person is in command',
  arguments: [incidentArgument, argument('name', 'who is in command from now on')],
  options: {
    toRole: value('role', "their role id (default: the commander's)"),
    takeover: value('reason', 'you are not in command and take it over: why (recorded and shown to everyone)'),
    json: jsonOutput,
  },
  time: 'when it happened, if earlier than now',
  actor: true,
  async run(context, [incident, name], options) {
    const takeover = options.takeover;
    if (takeover !== undefined && takeover.trim() === '') throw invalidInput('--takeover', 'empty', '--takeover: say why you are taking over command; it is recorded and shown to everyone.');
    const report = await context.irp.handover(
      incident,
      { name, role: options.toRole },
      { ...recordOptions(context, options), takeover },
    );
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default handover;
