import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';

/** `irp note <incident> "text"`: adds a note to the record. */
export default async function note(context: CliContext, [incident, text]: string[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.note(incident as string, text as string, recordOptions(context, options));
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
