import type { ClockState } from '../../clocks/clockStatus.ts';
import { byUrgency } from '../../clocks/clockStatus.ts';
import { clockDetail, clockNotes, clocksJson, startLine } from '../../render/renderClocks.ts';
import { printJson } from './shared.ts';
import { formatLondon, londonDateOf } from '../../time/london.ts';
import { formatSpan } from '../../time/duration.ts';
import { wrap } from '../../render/text.ts';
import { declareCommand, flag, jsonOutput } from '../declareCommand.ts';

/**
 * `irp deadlines`: the running clocks of every open live incident, most urgent first, for a duty manager or
 * cron. Read-only: nothing is recorded. Exercises are left out unless asked for.
 */
const deadlines = declareCommand({
  words: ['deadlines'],
  description: 'the running clocks of every open incident, most urgent first (read-only; for a duty manager or cron)',
  options: {
    includeExercises: flag('list exercises too (their clocks run on simulated time)'),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, _args, options) {
    const rows: Array<{ incident: string; title: string; exercise: boolean; state: ClockState }> = [];
    const problems: string[] = [];
    const { year, month, day } = londonDateOf(context.clock.now());
    const today = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const overdue: Array<{ incident: string; exercise: boolean; seq: number; text: string; owner?: string | undefined; due: string }> = [];
    const duties: Array<{ incident: string; exercise: boolean; organisation: string; duty: string; product?: string | undefined; dueAt: string }> = [];
    for (const summary of await context.irp.list()) {
      // Actions from reviews of any incident or exercise, finished or not: overdue is overdue.
      for (const action of summary.openActions ?? []) {
        if (action.due !== undefined && action.due < today) overdue.push({ incident: summary.id, exercise: summary.exercise === true, ...action, due: action.due });
      }
      if (summary.problem) {
        problems.push(`${summary.id}: ${summary.problem}`);
        continue;
      }
      if (summary.finished) continue;
      // An exercise's clocks run on simulated time; a duty manager's alert must never be about one by accident.
      if (summary.exercise && options.includeExercises !== true) continue;
      for (const state of summary.clocks ?? []) {
        if ('remainingMs' in state) rows.push({ incident: summary.id, title: summary.title ?? '', exercise: summary.exercise === true, state });
      }
      for (const owed of summary.owedDuties ?? []) {
        if (Date.parse(owed.dueAt) < context.clock.now().getTime()) duties.push({ incident: summary.id, exercise: summary.exercise === true, ...owed });
      }
    }
    rows.sort((a, b) => byUrgency(a.state, b.state));
    if (context.json) {
      return printJson(context, {
        now: context.clock.now().toISOString(),
        clocks: rows.map((row) => ({ incident: row.incident, title: row.title, exercise: row.exercise, ...(clocksJson([row.state])[0] as object) })),
        overdueActions: overdue,
        overdueDuties: duties.sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
        problems,
      });
    }
    if (rows.length === 0) context.out('No clock is running on any open incident.');
    for (const row of rows) {
      const flag = row.state.status === 'overdue' ? '!! ' : row.state.status === 'due-soon' ? '!  ' : '   ';
      context.out(`${flag}${row.incident}${row.exercise ? ' (exercise)' : ''}  ${row.state.clock.label}`);
      context.out(`     ${clockDetail(row.state)}`);
      for (const line of [startLine(row.state), ...clockNotes(row.state)]) if (line) context.out(`     ${line}`);
    }
    if (duties.length > 0) context.out(`\n${overdueDutiesText(duties, context.clock.now(), context.command)}`);
    if (overdue.length > 0) {
      context.out(`\nActions overdue (${overdue.length}):`);
      overdue.sort((a, b) => a.due.localeCompare(b.due));
      for (const action of overdue) {
        context.out(wrap(`!! due ${action.due}  ${action.owner ? `${action.owner}: ` : ''}${action.text}`, '', 80));
        context.out(`     raised in ${action.incident}${action.exercise ? ' (exercise)' : ''}, entry #${action.seq}`);
      }
    }
    for (const problem of problems) context.warn(`irp: ${problem}`);
  },
});

/**
 * Duties to organisations overdue, per incident and duty, the longest overdue first: how many organisations, and
 * the first of them. The register's full list is `irp org show`'s.
 */
function overdueDutiesText(
  duties: ReadonlyArray<{ incident: string; exercise: boolean; organisation: string; duty: string; product?: string | undefined; dueAt: string }>,
  now: Date,
  command: (args: string) => string,
): string {
  const groups = new Map<string, typeof duties[number][]>();
  for (const owed of [...duties].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    const key = `${owed.incident}\u0000${owed.duty}`;
    groups.set(key, [...(groups.get(key) ?? []), owed]);
  }
  const lines = [`Duties to organisations overdue (${duties.length}):`];
  for (const group of groups.values()) {
    const first = group[0] as (typeof duties)[number];
    const more = group.length > 1 ? ` and ${group.length - 1} more` : '';
    lines.push(wrapFirst(`!! ${first.duty}: ${first.organisation}${first.product ? ` (${first.product})` : ''}${more}, overdue since ${formatLondon(new Date(first.dueAt))} (${formatSpan(now.getTime() - Date.parse(first.dueAt))} ago)`));
    lines.push(`     in ${first.incident}${first.exercise ? ' (exercise)' : ''}: ${command(`org show ${first.incident}`)}`);
  }
  return lines.join('\n');
}

/** Wrapped to 80 columns, its continuation lines indented under the text after `!! `. */
function wrapFirst(text: string): string {
  return wrap(text, '   ', 80).replace(/^ {3}/, '');
}

export default deadlines;
