import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/** `irp assign <incident> <step> <name> [--to-role <role>]`: gives an active step to someone. */
const assign = declareCommand({
  words: ['assign'],
  description: 'give an active step to someone',
  arguments: [incidentArgument, argument('step', 'the step, as irp status shows it (e.g. response.technical.contain.isolate)'), argument('name', 'who takes it')],
  options: { toRole: value('role', "their role id (default: the step's role)"), json: jsonOutput },
  time: 'when it happened, if earlier than now',
  actor: true,
  async run(context, [incident, step, name], options) {
    // Their role: as given, else the role the step names.
    const role = options.toRole ?? (await context.irp.status(incident)).view.steps.find((s) => s.path === step)?.role;
    const report = await context.irp.assign(
      incident,
      step,
      { name, role },
      recordOptions(context, options),
    );
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default assign;
