import { UserError } from '../../errors.ts';
import { settingChoices } from '../../input/settingChoices.ts';
import { durationMs, parseTime } from '../../input/parseTime.ts';
import type { CliContext } from '../context.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { printJson } from './shared.ts';
import { openFromIncident, openFromNotice } from '../../api/exchange.ts';
import { readExchangeFile } from '../../input/exchangeFile.ts';
import type { IncidentReport } from '../../api/irp.ts';

/** `irp start <playbook> --title ...`: opens an incident and prints its id. */
export default async function start(context: CliContext, [playbook]: string[], options: Record<string, unknown>): Promise<void> {
  const now = context.clock.now();
  const awareAt = typeof options.awareAt === 'string' ? parseTime(options.awareAt, now, '--aware-at') : undefined;
  const margin = String(options.backdateMargin ?? '15m');
  if (!/^(?:\d+\s*[dhm]\s*)+$/i.test(margin.trim())) {
    throw new UserError(`--backdate-margin "${margin}" is not a duration; use minutes or hours such as 15m, 1h or 1h30m.`);
  }
  const irp = context.irpWith({ backdateMarginMinutes: Math.round(durationMs(margin) / 60_000) });
  const title = typeof options.title === 'string' ? options.title : undefined;
  const settings = settingChoices(options.set, '--set');
  let report: IncidentReport;
  if (typeof options.fromNotice === 'string') {
    if (options.fromIncident !== undefined) throw new UserError('Open it from a notice file (--from-notice) or from the supplier\'s incident on this store (--from-incident), not both.');
    const exchange = readExchangeFile(options.fromNotice);
    report = await openFromNotice(irp, { playbook: playbook as string, settings, exchange, trust: Array.isArray(options.trust) ? options.trust.map((f) => String(f).toLowerCase()) : [], title, awareAt, actor: context.actor, now });
  } else if (typeof options.fromIncident === 'string') {
    if (typeof options.org !== 'string') throw new UserError("--from-incident needs --org: your organisation's id in the supplier's register.");
    report = await openFromIncident(irp, { playbook: playbook as string, settings, supplier: options.fromIncident, organisation: options.org, title, awareAt, actor: context.actor, now });
  } else {
    if (title === undefined) throw new UserError("Give the incident a title: irp start <playbook> --title \"…\" (or open it from a supplier's notice with --from-notice).");
    report = await irp.start({ playbook: playbook as string, title, awareAt: awareAt ?? now, actor: context.actor, settings });
  }
  if (context.json) return printJson(context, statusJson(report, now));
  context.out(`Opened incident ${report.view.id}${linkWords(report)}\n`);
  context.out(renderStatus(report, now));
}

/** ", from inc-…'s notice" when the incident was opened from a supplier's notice. */
function linkWords(report: IncidentReport): string {
  const received = report.recorded.find((event) => event.kind === 'notice.received');
  return received?.kind === 'notice.received' ? `, linked to ${received.data.from.incident} by its notice #${received.data.notice.seq}` : '';
}

