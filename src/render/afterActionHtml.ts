import type { AfterActionReport } from '../exercise/afterAction.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { afterActionDocument, reportTitle } from './reportDocument.ts';
import { sectionsHtml } from './reportHtml.ts';
import { timelineMarks, timelineSvg } from './reportTimeline.ts';
import { scoreHeadline } from './scoreHeadline.ts';
import { escapeHtml as escape, pageStart } from './html.ts';


/** Colours with a contrast of at least 4.5:1 on white; every one goes with words or a shape that says the same. */
const COLOURS: Record<string, string> = {
  met: '#17692f',
  late: '#8a5300',
  missed: '#a3211a',
  'not-reached': '#5c5c5c',
  inject: '#5b3fa8',
  decision: '#1f5fa8',
  clock: '#5c5c5c',
};

const TONE_HEADING = { missed: 'Missed', late: 'Late', 'not-reached': 'Not reached (the exercise stopped first)', well: 'Went well' } as const;

/**
 * The after-action report as one self-contained HTML file for a facilitator to hand to a Board: no scripts, no
 * external files. First a one-screen summary (score; what was missed, late, not reached and what went well, with
 * times); then lessons and actions; the timeline (a drawing with numbered marks, and the list of what each number
 * is); then the same tables as the Markdown report. It prints on A4.
 */
export function afterActionHtml(report: AfterActionReport, extras: { diagram?: string } = {}): string {
  const title = reportTitle(report);
  const doc = afterActionDocument(report);
  const at = (iso: string) => escape(formatLondon(new Date(iso)));
  const plus = (iso: string) => `+${formatSpan(Date.parse(iso) - Date.parse(report.startAt))}`;
  return `${pageStart(`After-action report: ${title}${report.exercise ? ' (exercise)' : ''}`, `
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; } td, th { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
.score { font-size: 1.3rem; font-weight: 600; margin: 0.5rem 0; }
.exercise { background: #5b3fa8; color: white; padding: 2px 8px; border-radius: 4px; font-size: 0.8rem; vertical-align: middle; }
.stopped { border: 2px solid #8a5300; background: #fff6e5; padding: 0.5rem 0.8rem; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 0.8rem; align-items: start; }
.summary section { border-left: 4px solid #ccc; padding-left: 0.6rem; } .summary h3 { font-size: 1rem; margin: 0 0 0.3rem; }
.summary ul { margin: 0; padding-left: 1.1rem; }
.summary section.long { grid-column: span 2; } .summary section.long ul { columns: 2; column-gap: 1.6rem; } .summary section.long li { break-inside: avoid; }
.tone-missed { border-color: ${COLOURS.missed} !important; } .tone-late { border-color: ${COLOURS.late} !important; }
.tone-not-reached { border-color: ${COLOURS['not-reached']} !important; } .tone-well { border-color: ${COLOURS.met} !important; }
.legend span { margin-right: 1rem; white-space: nowrap; } svg text { font: 11px system-ui, sans-serif; }
ol.marks { columns: 2; column-gap: 2rem; font-size: 0.88rem; padding-left: 2rem; } ol.marks li { break-inside: avoid; }
.muted { color: #555; }
figure.diagram { margin: 0; border: 1px solid #ddd; } figure.diagram svg { display: block; max-width: 100%; height: auto; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; padding: 0; }
  table { font-size: 8.5pt; } td, th { padding: 2px 3px; } th { overflow-wrap: anywhere; }
  h2, h3 { break-after: avoid; } table, svg, .summary section, li { break-inside: avoid; }
  figure.diagram { display: none; } .print-only { display: block !important; }
  .exercise { border: 1px solid #5b3fa8; color: #5b3fa8; background: none; }
  a { color: inherit; text-decoration: none; }
}
.head { font-size: 0.85em; overflow-wrap: anywhere; } .print-only { display: none; }
`)}
<h1>After-action report: ${escape(title)} ${report.exercise ? '<span class="exercise">EXERCISE</span>' : ''}</h1>
<p>${escape(report.incident)} · playbook ${escape(report.playbook.id)} ${escape(report.playbook.version)}${report.scenario ? ` · scenario ${escape(report.scenario.title)}` : ''}<br>
${report.settings.map((setting) => `${escape(setting)}<br>`).join('\n')}
Start ${at(report.startAt)} · awareness ${at(report.awareAt)} · end ${at(report.endAt)}<br>
<span class="head">Made from the record up to event ${report.head.count}, head <code>${escape(report.head.hash)}</code>: <code>irp verify ${escape(report.incident)} --expect ${report.head.count}:${escape(report.head.hash)}</code></span></p>
${
  report.stoppedEarly
    ? `<p class="stopped" role="note"><strong>This exercise stopped early</strong>, at ${plus(report.stoppedEarly.at)} (${at(report.stoppedEarly.at)}), before the scenario's end at ${plus(report.stoppedEarly.scenarioEndsAt)}. Only what fell due before it stopped is scored; what fell due later and was not done is listed as not reached.</p>`
    : ''
}
<h2>Summary</h2>
${report.score.percent === null ? '<p class="muted">No expectations to score: this is not an exercise run from a scenario.</p>' : `<p class="score">${escape(scoreHeadline(report) ?? '')}</p>`}
${summaryHtml(report)}
<h2>Lessons and actions</h2>
${reviewHtml(report)}
<h2>Timeline</h2>
${timelineSvg(report, escape, COLOURS)}
<p class="legend"><span style="color:${COLOURS.inject}">◆ inject (above)</span><span style="color:${COLOURS.decision}">● decision</span><span style="color:${COLOURS.met}">▲ expected by then: met</span><span style="color:${COLOURS.late}">▲ late</span><span style="color:${COLOURS.missed}">▲ missed</span><span style="color:${COLOURS.clock}">┆ regulatory deadline</span></p>
<ol class="marks">
${timelineMarks(report)
  .map((mark) => `<li value="${mark.number}">${plus(mark.at)} · ${mark.kind === 'inject' ? 'Inject: ' : ''}${escape(mark.text)}${mark.status ? ` <em>(${escape(mark.status)})</em>` : ''}</li>`)
  .join('\n')}
</ol>
${
  extras.diagram
    ? `<h2>The playbook, and the path taken</h2>
<p class="muted">Steps the incident went through are shaded blue, the steps it was in at the end are outlined in amber, and the moves it made are drawn bold. The drawing is scaled to the page: zoom in to read it, or make it on its own with irp diagram.</p>
<figure class="diagram">${extras.diagram}</figure>
<p class="muted print-only">${escape(doc.sections.find((section) => section.drawn === 'diagram')?.blocks.map((block) => ('text' in block ? block.text : '')).join(' ') ?? '')}</p>`
    : ''
}
${sectionsHtml(doc.sections.filter((section) => !section.drawn && section.heading !== 'Lessons and actions'))}
</body>
</html>
`;
}

function summaryHtml(report: AfterActionReport): string {
  if (report.summary.length === 0 && report.unscored.length === 0) return '';
  const sections: string[] = [];
  for (const tone of ['missed', 'late', 'not-reached', 'well'] as const) {
    const items = report.summary.filter((item) => item.tone === tone);
    if (items.length === 0) continue;
    sections.push(
      // A long list (what went well, in a long exercise) takes two columns, so that the summary stays on one screen.
      `<section class="tone-${tone}${items.length > 6 ? ' long' : ''}"><h3>${TONE_HEADING[tone]} (${items.length})</h3><ul>${items.map((item) => `<li>${keepTogether(escape(item.text))}</li>`).join('')}</ul></section>`,
    );
  }
  if (report.unscored.length > 0) {
    sections.push(
      `<section class="tone-missed"><h3>Regulatory clocks outside the score (${report.unscored.length})</h3><p class="muted">The scenario does not score these; they are duties all the same.</p><ul>${report.unscored.map((item) => `<li>${item.tone === 'missed' ? 'Missed' : 'Late'}: ${keepTogether(escape(item.text))}</li>`).join('')}</ul></section>`,
    );
  }
  return `<div class="summary">${sections.join('\n')}</div>`;
}

/** "+1d 4h" kept on one line. */
const keepTogether = (html: string) => html.replace(/(\+\d+[dhm]) (\d+[hm])/g, '$1&nbsp;$2');

function reviewHtml(report: AfterActionReport): string {
  if (report.lessons.length === 0 && report.actions.length === 0) {
    return `<p class="muted">None recorded yet. Add them during the exercise (More › Record a lesson, an action…) or afterwards: <code>irp note ${escape(report.incident)} "…" --lesson</code>, or <code>--action --owner "Name" --due 2022-09-30</code>.</p>`;
  }
  const lessons = report.lessons.length > 0 ? `<h3>Lessons learned</h3><ul>${report.lessons.map((l) => `<li>${escape(l.text)} <span class="muted">(${escape(l.by.name)})</span></li>`).join('')}</ul>` : '';
  const actions =
    report.actions.length > 0
      ? `<h3>Actions</h3><table><thead><tr><th>action</th><th>owner</th><th>due</th><th>raised by</th></tr></thead><tbody>${report.actions
          .map((a) => `<tr><td>${escape(a.text)}</td><td>${escape(a.owner ?? 'not yet given')}</td><td>${escape(a.due ?? '—')}</td><td>${escape(a.by.name)}</td></tr>`)
          .join('')}</tbody></table>`
      : '';
  return `${lessons}${actions}`;
}
