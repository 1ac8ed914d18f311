import { invalidInput } from '../../errors.ts';
import { settingChoices } from '../../input/settingChoices.ts';
import { durationMs, parseTime } from '../../input/parseTime.ts';
import { renderStatus, statusJson } from '../../render/renderStatus.ts';
import { printJson } from './shared.ts';
import { openFromIncident, openFromNotice } from '../../api/exchange.ts';
import { readExchangeFile } from '../../input/exchangeFile.ts';
import type { IncidentReport } from '../../api/irp.ts';
import { declareCommand, value, list, jsonOutput, argument } from '../declareCommand.ts';

/** `irp start <playbook> --title ...`: opens an incident and prints its id. */
const start = declareCommand({
  words: ['start'],
  description: 'open an incident under a playbook and print its id',
  arguments: [argument('playbook', 'playbook id (see irp playbooks)')],
  options: {
    title: value('text', "a short title for the incident (from a notice: the supplier's title and your name)"),
    awareAt: value('time', 'when the organisation became aware (starts the regulatory clocks; from a notice: when it was told)'),
    fromNotice: value('file', "open it from a supplier's signed notice (with --trust), linked to the supplier's incident"),
    trust: list('fingerprint', "the supplier's key fingerprints to trust, as given to you by another route"),
    fromIncident: value('incident', "on a shared store: open it from the supplier's incident there (with --org)"),
    org: value('id', "with --from-incident: your organisation's id in the supplier's register"),
    set: list('setting=choice', "the playbook's settings, such as nation=scotland (irp playbooks lists each playbook's; default: each one's first choice)", { env: 'IRP_SET' }),
    backdateMargin: value('duration', 'how long after the fact an entry may be made without a reason, for this incident (e.g. 15m, 1h)', { env: 'IRP_BACKDATE_MARGIN', default: '15m' }),
    json: jsonOutput,
  },
  actor: true,
  async run(context, [playbook], options) {
    const now = context.clock.now();
    const awareAt = options.awareAt !== undefined ? parseTime(options.awareAt, now, '--aware-at') : undefined;
    const margin = String(options.backdateMargin ?? '15m');
    if (!/^(?:\d+\s*[dhm]\s*)+$/i.test(margin.trim())) {
      throw invalidInput('--backdate-margin', 'not-a-duration', `--backdate-margin "${margin}" is not a duration; use minutes or hours such as 15m, 1h or 1h30m.`);
    }
    const irp = context.irpWith({ backdateMarginMinutes: Math.round(durationMs(margin) / 60_000) });
    const title = options.title;
    const settings = settingChoices(options.set, '--set');
    let report: IncidentReport;
    if (options.fromNotice !== undefined) {
      if (options.fromIncident !== undefined) throw invalidInput('--from-notice', 'with-from-incident', 'Open it from a notice file (--from-notice) or from the supplier\'s incident on this store (--from-incident), not both.');
      const exchange = readExchangeFile(options.fromNotice);
      report = await openFromNotice(irp, { playbook, settings, exchange, trust: (options.trust ?? []).map((fingerprint) => fingerprint.toLowerCase()), title, awareAt, actor: context.actor, now });
    } else if (options.fromIncident !== undefined) {
      if (options.org === undefined) throw invalidInput('--org', 'needed-by-from-incident', "--from-incident needs --org: your organisation's id in the supplier's register.");
      report = await openFromIncident(irp, { playbook, settings, supplier: options.fromIncident, organisation: options.org, title, awareAt, actor: context.actor, now });
    } else {
      if (title === undefined) throw invalidInput('--title', 'missing', "Give the incident a title: irp start <playbook> --title \"…\" (or open it from a supplier's notice with --from-notice).");
      report = await irp.start({ playbook, title, awareAt: awareAt ?? now, actor: context.actor, settings });
    }
    if (context.json) return printJson(context, statusJson(report, now));
    context.out(`Opened incident ${report.view.id}${linkWords(report)}\n`);
    context.out(renderStatus(report, now));
  },
});

/** ", from inc-…'s notice" when the incident was opened from a supplier's notice. */
function linkWords(report: IncidentReport): string {
  const received = report.recorded.find((event) => event.kind === 'notice.received');
  return received?.kind === 'notice.received' ? `, linked to ${received.data.from.incident} by its notice #${received.data.notice.seq}` : '';
}

export default start;
