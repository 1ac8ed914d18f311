import type { Review } from '../../engine/decide.ts';
import { UserError } from '../../errors.ts';
import { calendarDateProblem } from '../../time/calendarDate.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import type { CliContext } from '../context.ts';
import { printJson, recordOptions } from './shared.ts';

/**
 * `irp note <incident> "text" [--lesson | --action --owner N --due D | --closes <seq> | --board]`: adds a note, a
 * lesson, an action, what closed an action, or that the Board took part.
 */
export default async function note(context: CliContext, [incident, text]: string[], options: Record<string, unknown>): Promise<void> {
  const report = await context.irp.note(incident as string, text as string, { ...recordOptions(context, options), review: reviewOf(options) });
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}

function reviewOf(options: Record<string, unknown>): Review | undefined {
  const kinds = ['lesson', 'action', 'closes', 'board'].filter((kind) => options[kind] !== undefined && options[kind] !== false);
  if (kinds.length > 1) throw new UserError(`${kinds.map((kind) => `--${kind}`).join(' and ')}: give one of them.`);
  if (options.closes !== undefined) {
    const seq = Number(options.closes);
    if (!Number.isSafeInteger(seq) || seq < 1) throw new UserError(`--closes "${String(options.closes)}": give the number of the action's entry (#12 in irp log: --closes 12).`);
    return { about: 'closure', closes: seq };
  }
  if (options.board === true) return { about: 'board' };
  const owner = typeof options.owner === 'string' ? options.owner.trim() : undefined;
  const due = typeof options.due === 'string' ? options.due.trim() : undefined;
  if ((owner !== undefined || due !== undefined) && options.action !== true) throw new UserError('--owner and --due belong to an action: add --action.');
  if (owner === '') throw new UserError('--owner: give the name of who owns the action.');
  const dueProblem = due === undefined ? undefined : calendarDateProblem(due);
  if (dueProblem) throw new UserError(`--due "${due}": ${dueProblem}.`);
  if (options.lesson === true) return { about: 'lesson' };
  if (options.action === true) return { about: 'action', owner, due };
  return undefined;
}
