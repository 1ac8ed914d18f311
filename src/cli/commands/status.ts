import type { CliContext } from '../context.ts';
import { renderStatus, statusJson } from '../render/renderStatus.ts';
import { printJson } from './shared.ts';

/** `irp status <incident>`: active steps, checklists, choices, blockers, timers. */
export default async function status(context: CliContext, [incident]: string[]): Promise<void> {
  const report = await context.irp.status(incident as string);
  const now = context.clock.now();
  if (context.json) return printJson(context, statusJson(report, now));
  context.out(renderStatus(report, now));
}
