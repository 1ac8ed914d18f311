import { buildDraft, findClock } from '../../notify/buildDraft.ts';
import { readCappedFile } from '../../input/readCappedFile.ts';
import { invalidInput } from '../../errors.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { draftMarkdown, draftText } from '../../render/renderDraft.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, flag, value, argument, incidentArgument } from '../declareCommand.ts';

/**
 * `irp notify <incident> <clock-or-recipient>`: a notification draft filled in from the record; with `--sent`, the
 * record of it sent (to whom, how, the exact text and its SHA-256).
 */
const notify = declareCommand({
  words: ['notify'],
  description: 'print a notification draft filled in from the record, for a clock or a recipient; with --sent, record that it was sent',
  arguments: [incidentArgument, argument('clock-or-recipient', 'a clock id (irp status --json lists them) or a word of the recipient, e.g. ico, ncsc')],
  options: {
    followUp: flag('a follow-up to the last report: what has changed since (UK GDPR Art. 33(4))'),
    includeNotes: flag("copy the record's internal notes into the draft (left out unless asked for)"),
    format: value('format', 'output format', { choices: ['md', 'txt', 'json'], default: 'md' }),
    sent: flag('record that the notice was sent: the draft as printed with --format txt, or the text of --text-file, kept in the record with its SHA-256'),
    to: value('whom', 'with --sent: to whom it was sent'),
    via: value('how', 'with --sent: how (a form, an email address, a phone call)'),
    textFile: value('file', 'with --sent: the exact text sent, where it differs from the draft'),
  },
  time: 'with --sent: when it was sent, if earlier than now',
  actor: true,
  async run(context, [incident, wanted], options) {
    const report = await context.irp.status(incident);
    const clock = findClock(report.clocks, wanted);
    const draft = buildDraft(report.playbook, report.view, clock, {
      followUp: options.followUp === true,
      includeNotes: options.includeNotes === true,
      now: context.clock.now(),
    });
    if (options.sent === true) {
      for (const flag of ['to', 'via'] as const) if (typeof options[flag] !== 'string') throw invalidInput(`--${flag}`, 'needed-by-sent', `--sent needs --${flag}: ${flag === 'to' ? 'to whom it was sent' : 'how it was sent (a form, an email address, a phone call)'}.`);
      const text = options.textFile !== undefined ? readCappedFile(options.textFile, 'text sent', 100_000) : draftText(draft);
      const recorded = await context.irp.execute(
        incident,
        { kind: 'sent', clock: clock.clock.id, to: options.to as string, via: options.via as string, text, followUp: options.followUp === true },
        recordOptions(context, options),
      );
      if (context.json) return printJson(context, recorded.recorded);
      context.out(renderRecorded(recorded.recorded, recorded.playbook));
      return;
    }
    for (const flag of ['to', 'via', 'textFile'] as const) if (options[flag] !== undefined) throw invalidInput('--sent', 'needed', `--${flag === 'textFile' ? 'text-file' : flag} is for recording a notice sent: add --sent.`);
    if (options.format === 'json') return printJson(context, draft);
    context.out(options.format === 'txt' ? draftText(draft) : draftMarkdown(draft));
  },
});

export default notify;
