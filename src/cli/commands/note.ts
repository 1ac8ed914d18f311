import type { Review } from '../../engine/decide.ts';
import { invalidInput } from '../../errors.ts';
import { calendarDateProblem } from '../../time/calendarDate.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson, recordOptions } from './shared.ts';
import { declareCommand, flag, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/**
 * `irp note <incident> "text" [--lesson | --action --owner N --due D | --closes <seq> | --board]`: adds a note, a
 * lesson, an action, what closed an action, or that the Board took part.
 */
const note = declareCommand({
  words: ['note'],
  description: 'add a note to the record; or a lesson learned or an action, for the after-action report',
  arguments: [incidentArgument, argument('text', 'the note')],
  options: {
    lesson: flag('a lesson learned'),
    action: flag('an action to take (with --owner and --due)'),
    owner: value('name', "the action's owner"),
    due: value('date', "the action's due date, YYYY-MM-DD"),
    closes: value('entry', "what closed an action: the number of the action's entry (#12 in irp log)"),
    board: flag('the Board (or the members named in the text) took part: the yearly test with the Board'),
    json: jsonOutput,
  },
  time: 'when it happened, if earlier than now',
  actor: true,
  async run(context, [incident, text], options) {
    const report = await context.irp.note(incident, text, { ...recordOptions(context, options), review: reviewOf(options) });
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

function reviewOf(options: { lesson?: true; action?: true; closes?: string; board?: true; owner?: string; due?: string }): Review | undefined {
  const kinds = (['lesson', 'action', 'closes', 'board'] as const).filter((kind) => options[kind] !== undefined);
  if (kinds.length > 1) throw invalidInput('--lesson', 'kinds-together', `${kinds.map((kind) => `--${kind}`).join(' and ')}: give one of them.`);
  if (options.closes !== undefined) {
    const seq = Number(options.closes);
    if (!Number.isSafeInteger(seq) || seq < 1) throw invalidInput('--closes', 'not-an-entry-number', `--closes "${options.closes}": give the number of the action's entry (#12 in irp log: --closes 12).`);
    return { about: 'closure', closes: seq };
  }
  if (options.board === true) return { about: 'board' };
  const owner = options.owner?.trim();
  const due = options.due?.trim();
  if ((owner !== undefined || due !== undefined) && options.action !== true) throw invalidInput('--action', 'needed-by-owner', '--owner and --due belong to an action: add --action.');
  if (owner === '') throw invalidInput('--owner', 'empty', '--owner: give the name of who owns the action.');
  const dueProblem = due === undefined ? undefined : calendarDateProblem(due);
  if (dueProblem) throw invalidInput('--due', 'not-a-date', `--due "${due}": ${dueProblem}.`);
  if (options.lesson === true) return { about: 'lesson' };
  if (options.action === true) return { about: 'action', owner, due };
  return undefined;
}

export default note;
