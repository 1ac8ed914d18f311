import type { DecisionInWords } from '../engine/decisionLog.ts';
import { LATE_CREDIT, type AfterActionReport } from '../exercise/afterAction.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon, formatLondonShort } from '../time/london.ts';
import { scoreHeadline } from './scoreHeadline.ts';

/**
 * A report as data, made once and rendered to Markdown, HTML, Word and PDF, so that every format says the same
 * thing. Text is plain (each renderer escapes it for its format); `strong` marks the report's own emphasis.
 */
export interface ReportDocument {
  /** The whole title: `After-action report: …`, `Action cards: …`. */
  title: string;
  exercise: boolean;
  /** The record the document was made from, carried by every format: count and hash of its head, and how to check it. */
  head?: { incident: string; count: number; hash: string; verify: string } | undefined;
  /** What every printed page says at its foot: where the document comes from. */
  footer: string;
  /** Each section starts a new page on paper (action cards: a card a page). */
  sectionPerPage?: boolean | undefined;
  /** Lines under the title: incident, scenario, playbook, times. */
  about: string[];
  /** A warning shown prominently under them (an exercise that stopped early). */
  warning?: string | undefined;
  sections: ReportSection[];
}

export interface ReportSection {
  heading: string;
  /** Where the HTML page draws something of its own in place of the blocks (the summary's grid, the timeline). */
  drawn?: 'summary' | 'timeline' | 'diagram' | undefined;
  blocks: ReportBlock[];
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; strong?: boolean; muted?: boolean }
  | { kind: 'subheading'; text: string; tone?: string }
  | { kind: 'list'; items: string[]; tone?: string }
  /** `widths`: the columns' shares of the width (equal when left out). */
  /** `writeIn`: rows tall enough to write in by hand, on paper. */
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] | undefined; writeIn?: boolean | undefined }
  /** One decision of the decision log: its heading, who, and labelled lines (known then, options, decided, rationale…). */
  | { kind: 'entry'; heading: string; by: string; lines: Array<{ label: string; text: string }> };

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

export const TONES = { missed: 'Missed', late: 'Late', 'not-reached': 'Not reached (the exercise stopped first)', well: 'Went well' } as const;

/** The report's title: an exercise's "(exercise)" suffix is left to the EXERCISE mark beside it. */
export function reportTitle(report: AfterActionReport): string {
  return report.exercise ? report.title.replace(/ \(exercise\)$/, '') : report.title;
}

const CLOCK_VERDICT: Record<NonNullable<AfterActionReport['expectations'][number]['clock']>['verdict'], string> = {
  met: 'met',
  'met-late': 'met LATE',
  waived: 'recorded as not required',
  running: 'has not yet met',
  'due-soon': 'has not yet met',
  overdue: 'missed',
};

/** The after-action report as a document: every section, in the order every format shows them. */
export function afterActionDocument(report: AfterActionReport): ReportDocument {
  const when = (iso: string) => formatLondon(new Date(iso));
  const offset = (iso: string) => `+${formatSpan(Date.parse(iso) - Date.parse(report.startAt))}`;
  const verify = `irp verify ${report.incident} --expect ${report.head.count}:${report.head.hash}`;
  const about = [
    `Incident: ${report.incident}${report.exercise ? ' (EXERCISE)' : ''}`,
    ...(report.scenario ? [`Scenario: ${report.scenario.title} (${report.scenario.id}, ${report.scenario.file})`] : []),
    ...(report.scenario?.changed ? ['Note: the scenario file has changed since the exercise was run; expectations are scored as the file is now.'] : []),
    `Playbook: ${report.playbook.id} ${report.playbook.version}`,
    ...report.settings,
    `Made from the record up to event ${report.head.count}, head ${report.head.hash} (${verify})`,
    `Start: ${when(report.startAt)} · awareness: ${when(report.awareAt)} · end: ${when(report.endAt)}`,
  ];
  const warning = report.stoppedEarly
    ? `This exercise stopped early, at ${offset(report.stoppedEarly.at)} (${when(report.stoppedEarly.at)}), before the scenario's end at ${offset(report.stoppedEarly.scenarioEndsAt)}. Only what fell due before it stopped is scored; what fell due later and was not done is listed as not reached.`
    : undefined;
  const sections: ReportSection[] = [];

  const summary: ReportBlock[] = [];
  if (report.score.percent !== null) {
    summary.push({ kind: 'paragraph', text: scoreHeadline(report) ?? '', strong: true });
    summary.push({ kind: 'paragraph', text: `On time counts in full, late counts ${LATE_CREDIT * 100}%, missed counts nothing.`, muted: true });
  } else {
    summary.push({ kind: 'paragraph', text: 'No expectations to score: this is not an exercise run from a scenario.', muted: true });
  }
  for (const tone of ['missed', 'late', 'not-reached', 'well'] as const) {
    const items = report.summary.filter((item) => item.tone === tone);
    if (items.length === 0) continue;
    summary.push({ kind: 'subheading', text: `${TONES[tone]} (${items.length})`, tone }, { kind: 'list', items: items.map((item) => item.text), tone });
  }
  if (report.unscored.length > 0) {
    summary.push(
      { kind: 'subheading', text: `Regulatory clocks outside the score (${report.unscored.length})`, tone: 'missed' },
      { kind: 'paragraph', text: 'The scenario does not score these; they are duties all the same.', muted: true },
      { kind: 'list', items: report.unscored.map((item) => `${item.tone === 'missed' ? 'Missed' : 'Late'}: ${item.text}`), tone: 'missed' },
    );
  }
  sections.push({ heading: 'Summary', drawn: 'summary', blocks: summary });

  const review: ReportBlock[] = [];
  if (report.lessons.length === 0 && report.actions.length === 0) {
    review.push({ kind: 'paragraph', text: `None recorded yet. Add them during the exercise, or afterwards with irp note ${report.incident} "…" --lesson, or --action --owner "Name" --due 2022-09-30.`, muted: true });
  }
  if (report.lessons.length > 0) review.push({ kind: 'subheading', text: 'Lessons learned' }, { kind: 'list', items: report.lessons.map((l) => `${l.text} (${l.by.name})`) });
  if (report.actions.length > 0) {
    review.push({ kind: 'subheading', text: 'Actions' }, { kind: 'table', columns: ['action', 'owner', 'due', 'raised by'], rows: report.actions.map((a) => [a.text, a.owner ?? 'not yet given', a.due ?? '—', a.by.name]) });
  }
  sections.push({ heading: 'Lessons and actions', blocks: review });

  const timeline = report.timeline.map((entry) => {
    const who = entry.kind === 'inject' ? '' : ` — ${entry.actor.name} (${entry.actor.role})`;
    const mark = entry.kind === 'inject' ? 'INJECT: ' : entry.kind === 'decision' ? 'Decision: ' : '';
    const late = entry.recordedAt ? ` [recorded ${when(entry.recordedAt)}]` : '';
    return `${offset(entry.at)} · ${when(entry.at)} · ${mark}${entry.text}${who}${late}`;
  });
  sections.push({ heading: 'Timeline', drawn: 'timeline', blocks: [{ kind: 'list', items: timeline }] });
  // A statechart of a whole playbook cannot be read on A4: a page on screen draws it; paper points to it.
  sections.push({
    heading: 'The playbook, and the path taken',
    drawn: 'diagram',
    blocks: [{ kind: 'paragraph', text: `The drawing of the playbook with the path this incident took is not printed, as it cannot be read on A4: make it on its own with irp diagram --incident ${report.incident} --out path.svg, and open it in a browser.`, muted: true }],
  });

  if (report.expectations.length > 0) {
    const rows = report.expectations.map((e) => {
      const result = e.status === 'late' ? `LATE by ${formatSpan(e.lateByMs ?? 0)}` : e.status === 'not-reached' ? 'not reached (the exercise stopped first)' : (STATUS[e.status] ?? e.status);
      return [e.id, e.description, `${offset(e.deadline)} (${when(e.deadline)})`, result, e.at ? `${offset(e.at)} (${when(e.at)})` : '—', `${e.points} / ${e.weight}`];
    });
    // An expectation of a notification may allow more (or less) time than its clock: say so, so that "met" here
    // beside "met LATE" under the clocks is never left for the reader to reconcile.
    const apart = report.expectations.flatMap((e) =>
      e.clock
        ? [`${e.id}: the scenario allows until ${offset(e.deadline)}; the clock's own deadline is ${offset(e.clock.dueAt)} (${when(e.clock.dueAt)}), which it ${CLOCK_VERDICT[e.clock.verdict]}. The points follow the scenario; the clock's verdict stands under "Regulatory clocks".`]
        : [],
    );
    sections.push({
      heading: 'Expectations',
      blocks: [
        { kind: 'table', columns: ['expectation', 'what', 'deadline', 'result', 'when', 'points'], rows },
        ...(apart.length > 0 ? [{ kind: 'list' as const, items: apart }] : []),
      ],
    });
  }

  const clockRows = report.clocks.map((clock) => {
    const claimed = clock.recordedAfterDeadline && clock.recordedAt !== undefined;
    const verdict = claimed ? 'met by the time claimed' : (STATUS[clock.status] ?? clock.status);
    const recorded = claimed ? `; recorded ${when(clock.recordedAt as string)}, after the deadline` : '';
    const reopened = clock.reopened ? ` (re-opened: ${clock.reopened})` : '';
    const result = `${verdict}${clock.at ? `, ${when(clock.at)} by ${clock.by?.name ?? ''}` : ''}${recorded}${reopened}`;
    const started = clock.start ? `${when(clock.start.at)}: ${clock.start.label}${clock.start.provisional ? ' (until its own moment is recorded)' : ''}` : '—';
    return [clock.label, clock.law, started, clock.dueAt ? when(clock.dueAt) : '—', result];
  });
  sections.push({
    heading: 'Regulatory clocks',
    blocks: [
      { kind: 'table', columns: ['clock', 'law', 'started', 'due', 'result'], rows: clockRows },
      ...(report.clocksNotRun.length > 0
        ? [
            { kind: 'subheading' as const, text: 'Clocks this playbook does not run, and why' },
            { kind: 'list' as const, items: report.clocksNotRun.map((absent) => `${absent.clock}: ${absent.why}`) },
          ]
        : []),
    ],
  });

  if (report.backdatedVerdicts.length > 0) {
    const items = report.backdatedVerdicts.map(
      (change) => `${change.label}: ${STATUS[change.claimed]} by the times claimed, ${STATUS[change.asRecorded]} by the times recorded (entries ${change.entries.map((seq) => `#${seq}`).join(', ')})`,
    );
    sections.push({ heading: 'Back-dated entries that changed a verdict', blocks: [{ kind: 'list', items }] });
  }
  if (report.backdated.length > 0) {
    const rows = report.backdated.map((entry) => [String(entry.seq), entry.text, when(entry.at), `${when(entry.recordedAt)} (${formatSpan(entry.delayMs)} later)`, entry.reason ?? '—']);
    sections.push({ heading: 'Entries made after the fact', blocks: [{ kind: 'table', columns: ['#', 'what', 'happened', 'recorded', 'reason'], rows }] });
  }
  if (report.organisations) sections.push(organisationsSection(report.organisations));

  const timeTo = report.timeTo.map((entry) => {
    const time = entry.waivedAt ? 'not required' : entry.afterAwarenessMs === undefined ? 'not reached' : formatSpan(entry.afterAwarenessMs);
    const at = entry.waivedAt ?? entry.at;
    return [entry.label, time, at ? when(at) : '—'];
  });
  sections.push({ heading: 'Time from awareness', blocks: [{ kind: 'table', columns: ['to', 'time', 'when'], rows: timeTo }] });

  if (report.sent.length > 0) {
    const rows = report.sent.map((notice) => [String(notice.seq), when(notice.at), `${notice.clock}${notice.followUp ? ' (follow-up)' : ''}`, notice.to, notice.via, notice.by.name, notice.sha256]);
    sections.push({
      heading: 'Notices as sent',
      blocks: [
        { kind: 'paragraph', text: 'Each text is kept in the record as it was sent; its SHA-256 is that of its UTF-8 bytes (the evidence pack holds each as a file).' },
        { kind: 'table', columns: ['#', 'sent', 'for', 'to', 'how', 'by', 'SHA-256 of the text'], rows },
      ],
    });
  }
  sections.push({ heading: 'Decision log', blocks: decisionLogBlocks(report.decisions) });
  if (report.notes.length > 0) sections.push({ heading: 'Notes', blocks: [{ kind: 'list', items: report.notes.map((note) => `${when(note.at)}, ${note.by.name}: ${note.text}`) }] });
  return {
    title: `After-action report: ${reportTitle(report)}`,
    exercise: report.exercise,
    head: { incident: report.incident, count: report.head.count, hash: report.head.hash, verify },
    footer: `${report.incident} · record up to event ${report.head.count}, head ${report.head.hash.slice(0, 16)}…`,
    about,
    warning,
    sections,
  };
}

/** The per-organisation table: a row per organisation of the register, a column per duty. */
function organisationsSection(table: NonNullable<AfterActionReport['organisations']>): ReportSection {
  const totals = table.duties.map(
    (duty) =>
      `${duty.label}: ${duty.done} of ${duty.owed}${duty.notNeeded > 0 ? ` (${duty.notNeeded} of them not needed)` : ''}${duty.late > 0 ? `, ${duty.late} late` : ''}${duty.overdue > 0 ? `, ${duty.overdue} overdue` : ''}`,
  );
  const rows = table.rows.map((row) => {
    const cells = table.duties.map((duty) => {
      const c = row.cells[duty.id];
      if (!c || c.owed === 0) return '—';
      if (c.owed === 1 && c.notNeeded === 1) return 'not needed';
      if (c.owed === 1) return c.done === 1 ? `${c.late > 0 ? 'LATE ' : ''}${formatLondonShort(new Date(c.at as string))}` : c.overdue > 0 ? 'OVERDUE' : 'not yet';
      return `${c.done} of ${c.owed}${c.late > 0 ? ` (${c.late} late)` : ''}${c.overdue > 0 ? ` (${c.overdue} overdue)` : ''}`;
    });
    const name = `${row.name}${row.members ? ` (a group of ${row.members})` : ''}${row.invented ? ' (name invented)' : ''}`;
    return [name, row.nation, ...cells, `${row.acknowledged} of ${row.sent}`];
  });
  return {
    heading: 'Organisations',
    blocks: [
      { kind: 'list', items: totals },
      { kind: 'paragraph', text: 'When each was done, in London time (BST or GMT as the day was); notices acknowledged of those sent.' },
      { kind: 'table', columns: ['organisation', 'nation', ...table.duties.map((duty) => duty.short), 'acks'], rows },
    ],
  };
}

/** The decision log as blocks of a report: an entry per decision, with what was known, the options, the choice and the why. */
export function decisionLogBlocks(entries: readonly DecisionInWords[]): ReportBlock[] {
  return [
    { kind: 'paragraph', text: `${entries.length} decision${entries.length === 1 ? '' : 's'}, each with what was known when it was taken.` },
    ...entries.map(
      (w): ReportBlock => ({
        kind: 'entry',
        heading: `${w.number}. ${w.title}`,
        by: w.by,
        lines: [
          { label: 'Known then', text: `Facts: ${w.facts.join('; ') || 'none recorded yet'}.` },
          ...(w.injects.length > 0 ? [{ label: 'Injects seen', text: `${w.injects.join('; ')}.` }] : []),
          { label: 'Clocks running', text: `${w.clocks.join('; ') || 'none'}.` },
          { label: 'Options offered', text: `${w.options.join('; ')}.` },
          { label: 'Decided', text: `${w.decided}.` },
          { label: 'Rationale', text: w.rationale },
          ...(w.lateReasons ? [{ label: 'Reasons for the delay', text: w.lateReasons }] : []),
          ...(w.note ? [{ label: 'Note', text: w.note }] : []),
        ],
      }),
    ),
  ];
}
