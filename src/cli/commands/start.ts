import { UserError } from '../../errors.ts';
import { durationMs, parseTime } from '../../input/parseTime.ts';
import type { CliContext } from '../context.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { printJson } from './shared.ts';

/** `irp start <playbook> --title ...`: opens an incident and prints its id. */
export default async function start(context: CliContext, [playbook]: string[], options: Record<string, unknown>): Promise<void> {
  const now = context.clock.now();
  const awareAt = parseTime(String(options.awareAt ?? 'now'), now, '--aware-at');
  const margin = String(options.backdateMargin ?? '15m');
  if (!/^(?:\d+\s*[dhm]\s*)+$/i.test(margin.trim())) {
    throw new UserError(`--backdate-margin "${margin}" is not a duration; use minutes or hours such as 15m, 1h or 1h30m.`);
  }
  const irp = context.irpWith({ backdateMarginMinutes: Math.round(durationMs(margin) / 60_000) });
  const report = await irp.start({ playbook: playbook as string, title: String(options.title), awareAt, actor: context.actor });
  if (context.json) return printJson(context, statusJson(report, now));
  context.out(`Opened incident ${report.view.id}\n`);
  context.out(renderStatus(report, now));
}
