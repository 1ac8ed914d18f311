import { findClock } from '../../notify/buildDraft.ts';
import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';

/** `irp reported <incident> <clock> [--follow-up]`: records a report made outside the playbook's own decision. */
export default async function reported(context: CliContext, [incident, wanted]: string[], options: Record<string, unknown>): Promise<void> {
  const { clocks } = await context.irp.status(incident as string);
  const clock = findClock(clocks, wanted as string).clock.id;
  const report = await context.irp.reported(
    incident as string,
    {
      clock,
      followUp: options.followUp === true,
      reference: typeof options.reference === 'string' ? options.reference : undefined,
      lateReasons: typeof options.lateReasons === 'string' ? options.lateReasons : undefined,
    },
    recordOptions(context, options),
  );
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
