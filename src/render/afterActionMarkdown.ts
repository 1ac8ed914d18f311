import { decisionLogMarkdown } from './renderDecisionLog.ts';
import { LATE_CREDIT, type AfterActionReport } from '../exercise/afterAction.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondonShort, formatLondon } from '../time/london.ts';
import { mdCell } from './markdownText.ts';
import { scoreHeadline } from './scoreHeadline.ts';

const when = (iso: string) => formatLondon(new Date(iso));
/** Recorded text in a cell or a list item: escaped, on one line (see markdownText.ts). */
const cell = mdCell;
const offset = (report: AfterActionReport, iso: string) => `+${formatSpan(Date.parse(iso) - Date.parse(report.startAt))}`;

const STATUS: Record<string, string> = {
  met: 'met on time',
  late: 'LATE',
  missed: 'MISSED',
  'met-late': 'met LATE',
  overdue: 'MISSED (overdue)',
  'due-soon': 'not met yet (due soon)',
  running: 'not met yet',
  waived: 'not required',
  'not-started': 'did not start',
};

/** The report's title: an exercise's "(exercise)" suffix is left to the EXERCISE mark beside it. */
export function reportTitle(report: AfterActionReport): string {
  return report.exercise ? report.title.replace(/ \(exercise\)$/, '') : report.title;
}

const TONES = { missed: 'Missed', late: 'Late', 'not-reached': 'Not reached (the exercise stopped first)', well: 'Went well' } as const;

/** The after-action report as Markdown: readable as text, convertible to anything; the same content as the HTML. */
export function afterActionMarkdown(report: AfterActionReport): string {
  const lines: string[] = [];
  lines.push(`# After-action report: ${cell(reportTitle(report))}${report.exercise ? ' — EXERCISE' : ''}`, '');
  lines.push(`- Incident: ${report.incident}${report.exercise ? ' (EXERCISE)' : ''}`);
  if (report.scenario) {
    lines.push(`- Scenario: ${cell(report.scenario.title)} (${cell(report.scenario.id)}, ${cell(report.scenario.file)})`);
    if (report.scenario.changed) lines.push('- Note: the scenario file has changed since the exercise was run; expectations are scored as the file is now.');
  }
  lines.push(`- Playbook: ${report.playbook.id} ${report.playbook.version}`);
  lines.push(`- Made from the record up to event ${report.head.count}, head ${report.head.hash} (irp verify ${report.incident} --expect ${report.head.count}:${report.head.hash})`);
  lines.push(`- Start: ${when(report.startAt)} · awareness: ${when(report.awareAt)} · end: ${when(report.endAt)}`);
  if (report.stoppedEarly) {
    lines.push(
      `- **This exercise stopped early**, at ${offset(report, report.stoppedEarly.at)} (${when(report.stoppedEarly.at)}), before the scenario's end at ${offset(report, report.stoppedEarly.scenarioEndsAt)}. Only what fell due before it stopped is scored; what fell due later and was not done is listed as not reached.`,
    );
  }

  lines.push('', '## Summary', '');
  if (report.score.percent !== null) {
    lines.push(`**${scoreHeadline(report)}** (on time counts in full, late counts ${LATE_CREDIT * 100}%, missed counts nothing)`, '');
  }
  for (const tone of ['missed', 'late', 'not-reached', 'well'] as const) {
    const items = report.summary.filter((item) => item.tone === tone);
    if (items.length === 0) continue;
    lines.push(`### ${TONES[tone]} (${items.length})`, '', ...items.map((item) => `- ${cell(item.text)}`), '');
  }

  lines.push('## Lessons and actions', '');
  if (report.lessons.length === 0 && report.actions.length === 0) {
    lines.push(`None recorded yet. Add them during the exercise, or afterwards with \`irp note ${report.incident} "…" --lesson\` or \`--action --owner "Name" --due 2022-09-30\`.`);
  }
  if (report.lessons.length > 0) lines.push('### Lessons learned', '', ...report.lessons.map((l) => `- ${cell(l.text)} (${cell(l.by.name)})`), '');
  if (report.actions.length > 0) {
    lines.push('### Actions', '', '| action | owner | due | raised by |', '|---|---|---|---|');
    for (const a of report.actions) lines.push(`| ${cell(a.text)} | ${cell(a.owner ?? 'not yet given')} | ${a.due ?? '—'} | ${cell(a.by.name)} |`);
  }

  if (report.expectations.length > 0) {
    lines.push('', '## Expectations', '', '| expectation | what | deadline | result | when | points |', '|---|---|---|---|---|---|');
    for (const e of report.expectations) {
      const result = e.status === 'late' ? `LATE by ${formatSpan(e.lateByMs ?? 0)}` : e.status === 'not-reached' ? 'not reached (the exercise stopped first)' : STATUS[e.status];
      lines.push(`| ${e.id} | ${cell(e.description)} | ${offset(report, e.deadline)} (${when(e.deadline)}) | ${result} | ${e.at ? `${offset(report, e.at)} (${when(e.at)})` : '—'} | ${e.points} / ${e.weight} |`);
    }
  }

  lines.push('', '## Regulatory clocks', '', '| clock | law | started | due | result |', '|---|---|---|---|---|');
  for (const clock of report.clocks) {
    const claimed = clock.recordedAfterDeadline && clock.recordedAt !== undefined;
    const verdict = claimed ? 'met by the time claimed' : STATUS[clock.status];
    const recorded = claimed ? `; recorded ${when(clock.recordedAt as string)}, after the deadline` : '';
    const reopened = clock.reopened ? ` (re-opened: ${clock.reopened})` : '';
    const result = `${verdict}${clock.at ? `, ${when(clock.at)} by ${clock.by?.name ?? ''}` : ''}${recorded}${reopened}`;
    const started = clock.start ? `${when(clock.start.at)}: ${clock.start.label}${clock.start.provisional ? ' (until its own moment is recorded)' : ''}` : '—';
    lines.push(`| ${cell(clock.label)} | ${cell(clock.law)} | ${cell(started)} | ${clock.dueAt ? when(clock.dueAt) : '—'} | ${cell(result)} |`);
  }
  if (report.backdatedVerdicts.length > 0) {
    lines.push('', '## Back-dated entries that changed a verdict', '');
    for (const change of report.backdatedVerdicts) {
      lines.push(`- ${cell(change.label)}: ${STATUS[change.claimed]} by the times claimed, ${STATUS[change.asRecorded]} by the times recorded (entries ${change.entries.map((seq) => `#${seq}`).join(', ')})`);
    }
  }
  if (report.backdated.length > 0) {
    lines.push('', '## Entries made after the fact', '', '| # | what | happened | recorded | reason |', '|---|---|---|---|---|');
    for (const entry of report.backdated) {
      lines.push(`| ${entry.seq} | ${cell(entry.text)} | ${when(entry.at)} | ${when(entry.recordedAt)} (${formatSpan(entry.delayMs)} later) | ${cell(entry.reason ?? '—')} |`);
    }
  }

  if (report.organisations) lines.push('', ...organisationsMarkdown(report.organisations));
  lines.push('', '## Time from awareness', '', '| to | time | when |', '|---|---|---|');
  for (const entry of report.timeTo) {
    const time = entry.waivedAt ? STATUS.waived : entry.afterAwarenessMs === undefined ? 'not reached' : formatSpan(entry.afterAwarenessMs);
    const at = entry.waivedAt ?? entry.at;
    lines.push(`| ${cell(entry.label)} | ${time} | ${at ? when(at) : '—'} |`);
  }

  lines.push('', '## Timeline', '');
  for (const entry of report.timeline) {
    const who = entry.kind === 'inject' ? '' : ` — ${cell(entry.actor.name)} (${cell(entry.actor.role)})`;
    const mark = entry.kind === 'inject' ? '**INJECT** ' : entry.kind === 'decision' ? '**Decision** ' : '';
    const late = entry.recordedAt ? ` [recorded ${when(entry.recordedAt)}]` : '';
    lines.push(`- ${offset(report, entry.at)} · ${when(entry.at)} · ${mark}${cell(entry.text)}${who}${late}`);
  }

  lines.push('', decisionLogMarkdown(report.decisions).trimEnd());

  if (report.notes.length > 0) {
    lines.push('', '## Notes', '');
    for (const note of report.notes) lines.push(`- ${when(note.at)}, ${cell(note.by.name)}: ${cell(note.text)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The per-organisation table: a row per organisation of the register, a column per duty. */
function organisationsMarkdown(table: NonNullable<AfterActionReport['organisations']>): string[] {
  const lines = ['## Organisations', ''];
  lines.push(table.duties.map((duty) => `${cell(duty.label)}: ${duty.done} of ${duty.owed}${duty.notNeeded > 0 ? ` (${duty.notNeeded} of them not needed)` : ''}${duty.late > 0 ? `, ${duty.late} late` : ''}${duty.overdue > 0 ? `, ${duty.overdue} overdue` : ''}`).map((line) => `- ${line}`).join('\n'));
  lines.push('', 'When each was done, in London time (BST or GMT as the day was); notices acknowledged of those sent.');
  lines.push('', `| organisation | nation | ${table.duties.map((duty) => cell(duty.short)).join(' | ')} | acks |`, `|---|---|${table.duties.map(() => '---|').join('')}---|`);
  for (const row of table.rows) {
    const cells = table.duties.map((duty) => {
      const c = row.cells[duty.id];
      if (!c || c.owed === 0) return '—';
      if (c.owed === 1 && c.notNeeded === 1) return 'not needed';
      if (c.owed === 1) return c.done === 1 ? `${c.late > 0 ? 'LATE ' : ''}${formatLondonShort(new Date(c.at as string))}` : c.overdue > 0 ? 'OVERDUE' : 'not yet';
      return `${c.done} of ${c.owed}${c.late > 0 ? ` (${c.late} late)` : ''}${c.overdue > 0 ? ` (${c.overdue} overdue)` : ''}`;
    });
    const name = `${row.name}${row.members ? ` (a group of ${row.members})` : ''}${row.invented ? ' (name invented)' : ''}`;
    lines.push(`| ${cell(name)} | ${row.nation} | ${cells.join(' | ')} | ${row.acknowledged} of ${row.sent} |`);
  }
  return lines;
}
