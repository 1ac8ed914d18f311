import { buildDraft, findClock } from '../../notify/buildDraft.ts';
import { readCappedFile } from '../../input/readCappedFile.ts';
import { UserError } from '../../errors.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { draftMarkdown, draftText } from '../../render/renderDraft.ts';
import type { CliContext } from '../context.ts';
import { printJson, recordOptions } from './shared.ts';

/**
 * `irp notify <incident> <clock-or-recipient>`: a notification draft filled in from the record; with `--sent`, the
 * record of it sent (to whom, how, the exact text and its SHA-256).
 */
export default async function notify(context: CliContext, [incident, wanted]: string[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.status(incident as string);
  const clock = findClock(report.clocks, wanted as string);
  const draft = buildDraft(report.playbook, report.view, clock, {
    followUp: options.followUp === true,
    includeNotes: options.includeNotes === true,
    now: context.clock.now(),
  });
  if (options.sent === true) {
    for (const flag of ['to', 'via'] as const) if (typeof options[flag] !== 'string') throw new UserError(`--sent needs --${flag}: ${flag === 'to' ? 'to whom it was sent' : 'how it was sent (a form, an email address, a phone call)'}.`);
    const text = typeof options.textFile === 'string' ? readCappedFile(options.textFile, 'text sent', 100_000) : draftText(draft);
    const recorded = await context.irp.execute(
      incident as string,
      { kind: 'sent', clock: clock.clock.id, to: options.to as string, via: options.via as string, text, followUp: options.followUp === true },
      recordOptions(context, options),
    );
    if (context.json) return printJson(context, recorded.recorded);
    context.out(renderRecorded(recorded.recorded, recorded.playbook));
    return;
  }
  for (const flag of ['to', 'via', 'textFile'] as const) if (options[flag] !== undefined) throw new UserError(`--${flag === 'textFile' ? 'text-file' : flag} is for recording a notice sent: add --sent.`);
  if (options.format === 'json') return printJson(context, draft);
  context.out(options.format === 'txt' ? draftText(draft) : draftMarkdown(draft));
}
