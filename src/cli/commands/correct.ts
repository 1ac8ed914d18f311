import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { parseValue, printJson, recordOptions } from './shared.ts';

/** `irp correct <incident> <fact> <value> --because "..."`: gives a recorded fact a new value, keeping the old entry. */
export default async function correct(context: CliContext, [incident, fact, value]: string[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.correct(
    incident as string,
    { fact: fact as string, value: parseValue(value as string, `The value "${value}"`), reason: String(options.because ?? '') },
    recordOptions(context, options),
  );
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
