import { momentsOf } from '../../clocks/clockSpec.ts';
import type { CliContext } from '../context.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { formatLondon } from '../../time/london.ts';
import { printJson, recordOptions } from './shared.ts';

/**
 * `irp aware <incident> <moment>`: records a moment of awareness that starts clocks of its own. Without a moment,
 * lists the moments the incident's clocks start from, and which are recorded.
 */
export default async function aware(context: CliContext, [incident, moment]: string[], options: Record<string, unknown>): Promise<void> {
  if (moment === undefined) {
    const { view, playbook } = await context.irp.status(incident as string);
    const moments = [...momentsOf(playbook.clocks)].map(([id, label]) => ({ id, label, recorded: view.moments[id] ?? null }));
    if (context.json) return printJson(context, moments);
    if (moments.length === 0) return context.out(`No clock of playbook ${playbook.id} starts from a moment of its own; they run from the incident's awareness.`);
    for (const m of moments) {
      context.out(`${m.id}  ${m.label}`);
      context.out(m.recorded ? `    recorded: ${formatLondon(new Date(m.recorded.at))} by ${m.recorded.by.name}` : `    not recorded: irp aware ${incident} ${m.id} --at <time>`);
    }
    return;
  }
  const report = await context.irp.recordAwareness(incident as string, moment, {
    ...recordOptions(context, options),
    correction: typeof options.correction === 'string' ? options.correction : undefined,
  });
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
