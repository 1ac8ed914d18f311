import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';

/** `irp role <incident> <role> <name>`: records who holds a role from now on. */
export default async function role(context: CliContext, [incident, roleId, name]: string[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.assignRole(incident as string, roleId as string, name as string, recordOptions(context, options));
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
