import { fitLine, plural, wrap } from '../render/text.ts';
import { escapeHtml, pageStart } from '../render/html.ts';
import { mdCell } from '../render/markdownText.ts';
import { formatLondon, formatLondonDate } from '../time/london.ts';
import type { AssuranceEntry } from './assuranceEntry.ts';
import type { Assurance, Trend } from './trends.ts';
import type { Comparison } from './compareRuns.ts';
import { formatSpan } from '../time/duration.ts';

const WIDTH = 80;
const day = (iso: string) => formatLondonDate(new Date(iso));
const percent = (score: AssuranceEntry['score']) => (score.percent === null ? '—' : `${score.percent}%`);

/** Where the duties behind the report come from: the sources a DSPT or EPRR assessor looks for. */
export const ASSURANCE_SOURCES = [
  { what: 'Data Security and Protection Toolkit, evidence item 7.2.1: the response tested every year, with the Board', url: 'https://www.dsptoolkit.nhs.uk/' },
  { what: 'NHS England EPRR framework: a real activation counts as an exercise when its lessons are logged and an action plan exists', url: 'https://www.england.nhs.uk/ourwork/eprr/' },
];

/** What `irp assurance` prints: the yearly test with the Board, the trends, lessons that repeat, actions open and overdue. */
export function renderAssurance(assurance: Assurance): string {
  const { entries } = assurance;
  if (entries.length === 0) return 'No exercise or incident on record yet: run one (irp exercise run <scenario>) or record an incident.';
  const exercises = entries.filter((e) => e.kind === 'exercise').length;
  const lines = [
    `${entries.length} on record: ${plural(exercises, 'exercise')}, ${plural(entries.length - exercises, 'incident')}. In the last 12 months: ${plural(assurance.lastYear.exercises, 'exercise')}, ${plural(assurance.lastYear.activations, 'real activation')} counting as exercises.`,
    boardLine(assurance),
    '',
  ];
  const trendLines = (title: string, trends: Trend[]) => {
    if (trends.length === 0) return;
    lines.push(`${title}, met on time in the last runs:`);
    for (const trend of trends) lines.push(fitLine(`  ${`${trend.met} of ${trend.of}`.padEnd(7)} ${trend.results.slice(-4).map((r) => (r.met ? '✓' : '✗')).join('').padEnd(4)}  ${trend.label}`, WIDTH));
    lines.push('');
  };
  trendLines('Expectations', assurance.expectations);
  trendLines('Clocks', assurance.clocks);
  if (assurance.repeatedLessons.length > 0) {
    lines.push('Lessons that repeat:');
    for (const lesson of assurance.repeatedLessons) lines.push(fitLine(`  "${lesson.text}" (${lesson.incidents.join(', ')})`, WIDTH));
    lines.push('');
  }
  const { open, overdue, closed } = assurance.actions;
  lines.push(`Actions: ${open.length} open (${overdue.length} overdue), ${closed.length} closed`);
  for (const action of [...overdue, ...open.filter((a) => !overdue.includes(a))]) {
    const when = action.due ? `${overdue.includes(action) ? 'OVERDUE' : 'due'} ${action.due}` : 'no due date';
    lines.push(wrap(`${when.padEnd(18)} ${action.owner ? `${action.owner}: ` : ''}${action.text}`, '  ', WIDTH));
    lines.push(`      raised in ${action.incident}, entry #${action.seq}`);
  }
  return lines.join('\n').trimEnd();
}

function boardLine(assurance: Assurance): string {
  const { board } = assurance;
  if (!board.last) return 'Yearly test with the Board: NONE on record, so it is due now (record it with irp note <exercise> "…" --board).';
  return `Yearly test with the Board: last ${day(board.last.date)} (${board.last.incident}); next due by ${day(board.dueBy as string)}${board.overdue ? ' — OVERDUE' : ''}.`;
}

/**
 * The assurance report, for the DSPT evidence item and the EPRR exercise record: every run with its score, the
 * trends, lessons that repeat, actions and their closure, the yearly test with the Board, and where each
 * figure comes from (each run's record, named with its change mark).
 */
export function assuranceMarkdown(assurance: Assurance, madeAt: Date): string {
  const lines = [`# Assurance: exercises and incidents`, '', `Made ${formatLondon(madeAt)} from ${assurance.entries.length} records.`, '', `- ${boardLine(assurance)}`];
  lines.push(`- In the last 12 months: ${plural(assurance.lastYear.exercises, 'exercise')} and ${plural(assurance.lastYear.activations, 'real activation')} that count as exercises.`);
  lines.push('', '## Runs', '', '| date | kind | what | scenario | playbook | score | expectations met | Board | record |', '|---|---|---|---|---|---|---|---|---|');
  for (const e of assurance.entries) {
    const coverage = e.coverage.expectations === 0 ? '—' : `${e.coverage.met} of ${e.coverage.expectations}${e.coverage.late ? ` (${e.coverage.late} late)` : ''}`;
    lines.push(`| ${day(e.date)} | ${e.kind} | ${mdCell(e.title)} | ${mdCell(e.scenario?.id ?? '—')} | ${e.playbook.id} ${e.playbook.version} | ${percent(e.score)} | ${coverage} | ${e.board ? 'yes' : ''} | ${e.incident} |`);
  }
  for (const [title, trends] of [['Expectations', assurance.expectations], ['Clocks', assurance.clocks]] as const) {
    if (trends.length === 0) continue;
    lines.push('', `## ${title}: met on time in the last runs`, '', '| what | last runs | results, oldest first |', '|---|---|---|');
    for (const trend of trends) lines.push(`| ${mdCell(trend.label)} | ${trend.met} of ${trend.of} | ${trend.results.map((r) => `${day(r.date)}: ${r.status}`).join('; ')} |`);
  }
  lines.push('', '## Lessons that repeat', '');
  if (assurance.repeatedLessons.length === 0) lines.push('None: no lesson was recorded in more than one run.');
  for (const lesson of assurance.repeatedLessons) lines.push(`- ${mdCell(lesson.text)} (${lesson.incidents.join(', ')})`);
  const { open, overdue, closed } = assurance.actions;
  lines.push('', '## Actions', '', `${open.length} open, of which ${overdue.length} overdue; ${closed.length} closed.`, '');
  if (open.length + closed.length > 0) {
    lines.push('| action | owner | due | state | raised in |', '|---|---|---|---|---|');
    for (const action of [...open, ...closed]) {
      const state = action.closed ? `closed ${day(action.closed.at)} by ${mdCell(action.closed.by)}: ${mdCell(action.closed.text)}` : overdue.includes(action) ? '**OVERDUE**' : 'open';
      lines.push(`| ${mdCell(action.text)} | ${mdCell(action.owner ?? '—')} | ${action.due ?? '—'} | ${state} | ${action.incident} #${action.seq} |`);
    }
  }
  lines.push('', '## Sources', '');
  for (const source of ASSURANCE_SOURCES) lines.push(`- ${source.what}: ${source.url}`);
  lines.push('', 'Every figure is worked out from the records named above; `irp assurance --check` says whether any has changed since.');
  return `${lines.join('\n')}\n`;
}

/** The assurance report as one self-contained HTML page, with a chart of the trends (no script, nothing fetched). */
export function assuranceHtml(assurance: Assurance, madeAt: Date): string {
  const e = escapeHtml;
  const rows = assurance.entries
    .map((entry) => `<tr><td>${e(day(entry.date))}</td><td>${entry.kind}</td><td>${e(entry.title)}</td><td>${e(entry.scenario?.id ?? '—')}</td><td>${e(percent(entry.score))}</td><td>${entry.coverage.expectations === 0 ? '—' : `${entry.coverage.met} of ${entry.coverage.expectations}`}</td><td>${entry.board ? 'yes' : ''}</td><td>${e(entry.incident)}</td></tr>`)
    .join('');
  const { open, overdue, closed } = assurance.actions;
  const actions = [...open, ...closed]
    .map((action) => {
      const state = action.closed ? `closed ${e(day(action.closed.at))}: ${e(action.closed.text)}` : overdue.includes(action) ? '<strong>OVERDUE</strong>' : 'open';
      return `<tr><td>${e(action.text)}</td><td>${e(action.owner ?? '—')}</td><td>${e(action.due ?? '—')}</td><td>${state}</td><td>${e(action.incident)} #${action.seq}</td></tr>`;
    })
    .join('');
  const lessons = assurance.repeatedLessons.map((lesson) => `<li>${e(lesson.text)} <span class="muted">(${e(lesson.incidents.join(', '))})</span></li>`).join('');
  return `${pageStart(`Assurance: exercises and incidents`, `
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; } td, th { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
.muted { color: #555; } svg { display: block; max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } table, svg { break-inside: avoid; } }
`)}
<h1>Assurance: exercises and incidents</h1>
<p class="muted">Made ${e(formatLondon(madeAt))} from ${assurance.entries.length} records.</p>
<p>${e(boardLine(assurance))}</p>
<p>In the last 12 months: ${plural(assurance.lastYear.exercises, 'exercise')} and ${plural(assurance.lastYear.activations, 'real activation')} that count as exercises.</p>
<h2>Met on time in the last runs</h2>
<h3>Expectations of the scenarios</h3>
${trendChart(assurance.expectations)}
<h3>Regulatory clocks, in exercises and incidents</h3>
${trendChart(assurance.clocks)}
<h2>Runs</h2>
<table><thead><tr><th>date</th><th>kind</th><th>what</th><th>scenario</th><th>score</th><th>expectations met</th><th>Board</th><th>record</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Lessons that repeat</h2>
${lessons ? `<ul>${lessons}</ul>` : '<p>None: no lesson was recorded in more than one run.</p>'}
<h2>Actions</h2>
<p>${open.length} open, of which ${overdue.length} overdue; ${closed.length} closed.</p>
${actions ? `<table><thead><tr><th>action</th><th>owner</th><th>due</th><th>state</th><th>raised in</th></tr></thead><tbody>${actions}</tbody></table>` : ''}
<h2>Sources</h2>
<ul>${ASSURANCE_SOURCES.map((source) => `<li>${e(source.what)}: ${e(source.url)}</li>`).join('')}</ul>
</body>
</html>
`;
}

/** A bar for each trend: its share met on time in the last runs, labelled with the count. */
function trendChart(trends: readonly Trend[]): string {
  if (trends.length === 0) return '<p>Nothing to chart yet: no expectation or clock has been run.</p>';
  const row = 26;
  const labelWidth = 600;
  const barWidth = 360;
  const height = trends.length * row + 10;
  const bars = trends
    .map((trend, i) => {
      const y = 5 + i * row;
      const share = trend.of === 0 ? 0 : trend.met / trend.of;
      const colour = share >= 0.75 ? '#1b7a3a' : share >= 0.5 ? '#b36b00' : '#a61b1b';
      const label = trend.label.length > 80 ? `${trend.label.slice(0, 79)}…` : trend.label;
      return `<g><title>${escapeHtml(`${trend.label}: ${trend.met} of the last ${trend.of}`)}</title><text x="0" y="${y + 16}" font-size="13" fill="#1d1d1d">${escapeHtml(label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="16" fill="#eee"/><rect x="${labelWidth}" y="${y + 3}" width="${Math.round(barWidth * share)}" height="16" fill="${colour}"/><text x="${labelWidth + barWidth + 8}" y="${y + 16}" font-size="13">${trend.met} of ${trend.of}</text></g>`;
    })
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${labelWidth + barWidth + 80} ${height}" role="img" aria-label="Share met on time in the last runs, per expectation and clock">${bars}</svg></figure>`;
}

/** Two runs of one scenario side by side, at 80 columns. */
export function renderComparison(comparison: Comparison): string {
  const [a, b] = comparison.runs;
  const plus = (ms: number | undefined) => (ms === undefined ? '—' : `+${formatSpan(ms)}`);
  const lines = [
    `${comparison.scenario.title} (${comparison.scenario.id})`,
    `A: ${a.incident}, ${day(a.startAt)}, score ${percent(a.score)}`,
    `B: ${b.incident}, ${day(b.startAt)}, score ${percent(b.score)}`,
    '',
    `${'expectation'.padEnd(36)}${'A'.padEnd(17)}${'B'.padEnd(17)}change`,
  ];
  const cell = (o: Comparison['expectations'][number]['a']) => `${o.status}${o.afterMs === undefined ? '' : ` ${plus(o.afterMs)}`}`.slice(0, 16).padEnd(17);
  for (const e of comparison.expectations) lines.push(fitLine(`${e.description.slice(0, 35).padEnd(36)}${cell(e.a)}${cell(e.b)}${e.change}`, WIDTH));
  lines.push('', `${'decision, first taken'.padEnd(44)}${'A'.padEnd(12)}${'B'.padEnd(12)}B − A`);
  for (const d of comparison.decisions) {
    const change = d.changeMs === undefined ? (d.a === undefined ? 'B only' : 'A only') : d.changeMs === 0 ? 'same' : `${d.changeMs < 0 ? '−' : '+'}${formatSpan(Math.abs(d.changeMs))}`;
    lines.push(fitLine(`${d.label.slice(0, 43).padEnd(44)}${plus(d.a).padEnd(12)}${plus(d.b).padEnd(12)}${change}`, WIDTH));
  }
  return lines.join('\n');
}
