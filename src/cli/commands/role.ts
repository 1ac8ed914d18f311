import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/** `irp role <incident> <role> <name>`: records who holds a role from now on. */
const role = declareCommand({
  words: ['role'],
  description: "record who holds one of the playbook's roles from now on",
  arguments: [incidentArgument, argument('role', 'role id (irp playbooks --json lists them)'), argument('name', 'who holds it')],
  options: { json: jsonOutput },
  time: 'since when, if earlier than now',
  actor: true,
  async run(context, [incident, roleId, name], options) {
    const report = await context.irp.assignRole(incident, roleId, name, recordOptions(context, options));
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default role;
