import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { statusJson } from '../../render/renderStatus.ts';
import { printJson, recordOptions } from './shared.ts';

/** `irp check <incident> <item>...`: ticks checklist items. */
export default async function check(context: CliContext, [incident, items]: unknown[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.check(incident as string, items as string[], recordOptions(context, options));
  if (context.json) return printJson(context, statusJson(report, context.clock.now()));
  context.out(renderRecorded(report.recorded, report.playbook));
  const open = report.view.steps.flatMap((s) => s.checklist.filter((i) => i.required && !i.ticked).map((i) => i.id));
  context.out(open.length > 0 ? `Still to tick: ${open.join(', ')}` : 'Every required item of the active steps is ticked.');
}
