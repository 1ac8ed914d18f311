import { UserError } from '../../errors.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import type { CliContext } from '../context.ts';
import { printJson, recordOptions } from './shared.ts';

/**
 * `irp handover <incident> <name> [--to-role <role>] [--takeover "why"]`: the commander hands command over; anyone
 * else takes it over, saying why (recorded, and shown with who is in command).
 */
export default async function handover(context: CliContext, [incident, name]: string[], options: Record<string, unknown>): Promise<void> {
  const takeover = typeof options.takeover === 'string' ? options.takeover : undefined;
  if (takeover !== undefined && takeover.trim() === '') throw new UserError('--takeover: say why you are taking over command; it is recorded and shown to everyone.');
  const report = await context.irp.handover(
    incident as string,
    { name: name as string, role: typeof options.toRole === 'string' ? options.toRole : undefined },
    { ...recordOptions(context, options), takeover },
  );
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
