import { renderRecorded } from '../../render/renderLog.ts';
import type { CliContext } from '../context.ts';
import { printJson, recordOptions } from './shared.ts';

/** `irp assign <incident> <step> <name> [--to-role <role>]`: gives an active step to someone. */
export default async function assign(context: CliContext, [incident, step, name]: string[], options: Record<string, unknown>): Promise<void> {
  // Their role: as given, else the role the step names.
  const role = typeof options.toRole === 'string' ? options.toRole : (await context.irp.status(incident as string)).view.steps.find((s) => s.path === step)?.role;
  const report = await context.irp.assign(
    incident as string,
    step as string,
    { name: name as string, role },
    recordOptions(context, options),
  );
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
