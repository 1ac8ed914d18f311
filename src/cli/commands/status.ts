import type { IncidentReport } from '../../api/irp.ts';
import { UserError } from '../../errors.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { printJson } from './shared.ts';
import { declareCommand, flag, value, incidentArgument } from '../declareCommand.ts';

/** `irp status <incident> [--role <role>]`: clocks, active steps, checklists, choices, blockers, timers. */
const status = declareCommand({
  words: ['status'],
  description: 'show the clocks, the active steps, their checklists, the choices available now and what blocks the rest',
  arguments: [incidentArgument],
  // The guards' answers for an unchanged incident are kept from the last command that showed it.
  sandbox: 'on-demand',
  options: {
    role: value('role', "only one role's queue: its steps, their checklists and decisions"),
    json: flag('machine-readable output (choices carry the JSON Schema of their payload)'),
  },
  async run(context, [incident], options) {
    const full = await context.irp.status(incident);
    const report = options.role !== undefined ? roleQueue(full, options.role) : full;
    const now = context.clock.now();
    if (context.json) return printJson(context, statusJson(report, now));
    if (options.role !== undefined) {
      const name = report.playbook.roles[options.role];
      const holder = report.view.roleHolders[options.role];
      context.out(`Queue of the ${name}${holder ? ` (${holder.name})` : ''}: ${report.view.steps.length} active step${report.view.steps.length === 1 ? '' : 's'}\n`);
    }
    context.out(renderStatus(report, now));
  },
});

/** Only the steps one role is responsible for (or that are assigned to its holder), and their decisions. */
function roleQueue(report: IncidentReport, role: string): IncidentReport {
  const roles = report.playbook.roles;
  if (!(role in roles)) throw new UserError({ code: 'unknown-role', role, playbook: report.playbook.id, roles: Object.keys(roles) });
  const steps = report.view.steps.filter((step) => step.role === role || step.assignee?.role === role);
  const paths = new Set(steps.map((step) => step.path));
  const choices = report.view.choices.filter((choice) => choice.from.some((from) => paths.has(from)));
  return { ...report, view: { ...report.view, steps, choices } };
}

export default status;
