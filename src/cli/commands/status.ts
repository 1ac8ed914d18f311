import type { IncidentReport } from '../../api/irp.ts';
import { UserError } from '../../errors.ts';
import type { CliContext } from '../context.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { printJson } from './shared.ts';

/** `irp status <incident> [--role <role>]`: clocks, active steps, checklists, choices, blockers, timers. */
export default async function status(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const full = await context.irp.status(incident as string);
  const report = typeof options.role === 'string' ? roleQueue(full, options.role) : full;
  const now = context.clock.now();
  if (context.json) return printJson(context, statusJson(report, now));
  if (typeof options.role === 'string') {
    const name = report.playbook.roles[options.role];
    const holder = report.view.roleHolders[options.role];
    context.out(`Queue of the ${name}${holder ? ` (${holder.name})` : ''}: ${report.view.steps.length} active step${report.view.steps.length === 1 ? '' : 's'}\n`);
  }
  context.out(renderStatus(report, now));
}

/** Only the steps one role is responsible for (or that are assigned to its holder), and their decisions. */
function roleQueue(report: IncidentReport, role: string): IncidentReport {
  const roles = report.playbook.roles;
  if (!(role in roles)) throw new UserError(`"${role}" is not a role in playbook ${report.playbook.id}. Roles: ${Object.keys(roles).join(', ')}.`);
  const steps = report.view.steps.filter((step) => step.role === role || step.assignee?.role === role);
  const paths = new Set(steps.map((step) => step.path));
  const choices = report.view.choices.filter((choice) => choice.from.some((from) => paths.has(from)));
  return { ...report, view: { ...report.view, steps, choices } };
}
