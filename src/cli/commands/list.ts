import { offlineCopyLine } from '../../render/renderStatus.ts';
import { formatLondon } from '../../time/london.ts';
import { printJson } from './shared.ts';
import { declareCommand, jsonOutput } from '../declareCommand.ts';

/** `irp list`: incidents, most recently active first. */
const list = declareCommand({
  words: ['list'],
  description: 'list incidents, most recently active first',
  options: { json: jsonOutput },
  sandbox: 'on-demand',
  async run(context) {
    const incidents = await context.irp.list();
    if (context.json) return printJson(context, incidents);
    const where = context.store.where;
    if (incidents.length === 0) {
      // On a shared store, a login irp does not know sees nothing: say so, rather than "no incidents".
      const me = await context.store.whoAmI?.();
      if (me && !me.person && !me.owner) return context.out(`No incidents you may see in ${where}: the login ${me.login} is not a person of irp there. Ask whoever runs it to add you: irp db person add ${me.login} --name "…" --org <organisation>`);
      return context.out(`No incidents yet in ${where}. Open one with: ${context.command('start <playbook> --title "..."')}`);
    }
    for (const incident of incidents) {
      if (incident.problem) {
        context.out(`${incident.id}  DAMAGED RECORD\n    ${incident.problem}`);
        continue;
      }
      const status = incident.finished ? 'finished' : 'open';
      const kind = incident.exercise ? ' (exercise)' : '';
      context.out(`${incident.id}  ${status}${kind}  ${incident.title}`);
      context.out(`    ${incident.playbook} · aware ${formatLondon(new Date(incident.awareAt ?? 0))}`);
      if (!incident.finished) context.out(`    now: ${(incident.steps ?? []).join('; ')}`);
      for (const copy of incident.offlineCopies ?? []) context.out(`    ${offlineCopyLine(incident.id, copy)}`);
    }
  },
});

export default list;
