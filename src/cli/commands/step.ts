import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { parseData, printJson, recordOptions } from './shared.ts';

/** `irp step <incident> <EVENT>`: records one decision. */
export default async function step(context: CliContext, [incident, event]: string[], options: Record<string, unknown>): Promise<void> {
  const payload = parseData(options.data);
  const text = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
  const decision = { event: event as string, payload, rationale: text('rationale'), lateReasons: text('lateReasons') };
  const report = await context.irp.step(incident as string, decision, recordOptions(context, options));
  const now = context.clock.now();
  if (context.json) return printJson(context, statusJson(report, now));
  context.out(renderRecorded(report.recorded, report.playbook));
  context.out(renderStatus(report, now));
}
