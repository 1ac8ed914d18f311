import { buildDraft, findClock } from '../../notify/buildDraft.ts';
import { draftMarkdown, draftText } from '../../render/renderDraft.ts';
import type { CliContext } from '../context.ts';
import { printJson } from './shared.ts';

/** `irp notify <incident> <clock-or-recipient>`: a notification draft filled in from the record. */
export default async function notify(context: CliContext, [incident, wanted]: string[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.status(incident as string);
  const draft = buildDraft(report.playbook, report.view, findClock(report.clocks, wanted as string), {
    followUp: options.followUp === true,
    includeNotes: options.includeNotes === true,
    now: context.clock.now(),
  });
  if (options.format === 'json') return printJson(context, draft);
  context.out(options.format === 'txt' ? draftText(draft) : draftMarkdown(draft));
}
