import type { AfterActionReport } from '../exercise/afterAction.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { afterActionMarkdown } from './afterActionMarkdown.ts';
import { mdUnescape } from './markdownText.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const COLOURS = { met: '#1b7f3b', late: '#c77700', missed: '#b3261e', inject: '#5b3fa8', decision: '#1f5fa8', clock: '#6b6b6b' };

/**
 * The after-action report as one self-contained HTML file: no scripts, no external files, a visual timeline in
 * SVG (injects above the line, decisions below, expectation deadlines and regulatory deadlines marked on it), then
 * the same tables as the Markdown report.
 */
export function afterActionHtml(report: AfterActionReport): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>After-action report: ${escape(report.title)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1000px; color: #1d1d1d; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; } td, th { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
.score { font-size: 1.3rem; font-weight: 600; } .exercise { background: #5b3fa8; color: white; padding: 2px 8px; border-radius: 4px; font-size: 0.8rem; }
.legend span { margin-right: 1rem; } svg text { font: 11px system-ui, sans-serif; }
</style>
</head>
<body>
<h1>After-action report: ${escape(report.title)} ${report.exercise ? '<span class="exercise">EXERCISE</span>' : ''}</h1>
<p>${escape(report.incident)} · playbook ${escape(report.playbook.id)} ${escape(report.playbook.version)}${report.scenario ? ` · scenario ${escape(report.scenario.title)}` : ''}<br>
Start ${escape(formatLondon(new Date(report.startAt)))} · awareness ${escape(formatLondon(new Date(report.awareAt)))} · end ${escape(formatLondon(new Date(report.endAt)))}</p>
${report.score.percent === null ? '' : `<p class="score">Score: ${report.score.percent}% (${report.score.points} of ${report.score.possible} points)</p>`}
<h2>Timeline</h2>
${timelineSvg(report)}
<p class="legend"><span style="color:${COLOURS.inject}">◆ inject</span><span style="color:${COLOURS.decision}">● decision</span><span style="color:${COLOURS.met}">▲ expectation met</span><span style="color:${COLOURS.late}">▲ late</span><span style="color:${COLOURS.missed}">▲ missed</span><span style="color:${COLOURS.clock}">┆ regulatory deadline</span></p>
${tablesHtml(report)}
</body>
</html>
`;
}

function timelineSvg(report: AfterActionReport): string {
  const width = 960;
  const left = 20;
  const right = width - 20;
  const start = Date.parse(report.startAt);
  const end = Math.max(Date.parse(report.endAt), start + 60_000);
  const x = (iso: string) => left + ((Math.min(Math.max(Date.parse(iso), start), end) - start) / (end - start)) * (right - left);
  const axis = 150;
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${axis}" x2="${right}" y2="${axis}" stroke="#999"/>`);
  for (let i = 0; i <= 6; i += 1) {
    const at = new Date(start + ((end - start) * i) / 6).toISOString();
    parts.push(`<line x1="${x(at)}" y1="${axis - 4}" x2="${x(at)}" y2="${axis + 4}" stroke="#999"/>`);
    parts.push(`<text x="${x(at)}" y="${axis + 18}" text-anchor="middle" fill="#555">+${escape(formatSpan(Date.parse(at) - start))}</text>`);
  }
  for (const clock of report.clocks) {
    if (!clock.dueAt || Date.parse(clock.dueAt) > end) continue;
    parts.push(
      `<g><title>${escape(`${clock.label} (${clock.law}) due ${formatLondon(new Date(clock.dueAt))}`)}</title><line x1="${x(clock.dueAt)}" y1="20" x2="${x(clock.dueAt)}" y2="280" stroke="${COLOURS.clock}" stroke-dasharray="4 3"/></g>`,
    );
  }
  // Labels go in the first lane (of four above the line for injects, four below for decisions) where they do not
  // run into the label before them; a point with no room keeps its marker and its tooltip.
  const laneEnds = { inject: [0, 0, 0, 0], decision: [0, 0, 0, 0] };
  for (const entry of report.timeline) {
    if (entry.kind !== 'inject' && entry.kind !== 'decision') continue;
    const above = entry.kind === 'inject';
    const colour = above ? COLOURS.inject : COLOURS.decision;
    const at = x(entry.at);
    const shape = above
      ? `<rect x="${at - 5}" y="${axis - 5}" width="10" height="10" transform="rotate(45 ${at} ${axis})" fill="${colour}"/>`
      : `<circle cx="${at}" cy="${axis}" r="5" fill="${colour}"/>`;
    const label = entry.text.length > 34 ? `${entry.text.slice(0, 33)}…` : entry.text;
    const width = label.length * 6 + 8;
    const ends = laneEnds[entry.kind];
    const lane = ends.findIndex((end) => at >= end && at + width <= right + 20);
    let text = '';
    if (lane >= 0) {
      ends[lane] = at + width;
      const y = above ? axis - 30 - lane * 22 : axis + 40 + lane * 22;
      text = `<line x1="${at}" y1="${axis}" x2="${at}" y2="${y}" stroke="${colour}" stroke-width="0.6"/><text x="${at + 3}" y="${y}" fill="${colour}">${escape(label)}</text>`;
    }
    parts.push(`<g><title>${escape(`${formatLondon(new Date(entry.at))}: ${entry.text}`)}</title>${shape}${text}</g>`);
  }
  for (const expectation of report.expectations) {
    const colour = COLOURS[expectation.status];
    const at = expectation.deadline;
    parts.push(
      `<g><title>${escape(`${expectation.id}: ${expectation.description}, due ${formatLondon(new Date(at))}: ${expectation.status}`)}</title><path d="M ${x(at)} ${axis + 6} l -5 9 l 10 0 z" fill="${colour}"/></g>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 300" width="100%" role="img" aria-label="Timeline of the incident">${parts.join('')}</svg>`;
}

/** The tables of the Markdown report, turned into HTML without a Markdown library. */
function tablesHtml(report: AfterActionReport): string {
  const out: string[] = [];
  let table: string[][] | undefined;
  const flush = () => {
    if (!table) return;
    const [head, , ...rows] = table;
    out.push(`<table><thead><tr>${(head ?? []).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of rows) out.push(`<tr>${row.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
    out.push('</tbody></table>');
    table = undefined;
  };
  let list = false;
  const lines = afterActionMarkdown(report).split('\n');
  const firstSection = lines.findIndex((line) => line.startsWith('## '));
  for (const line of lines.slice(firstSection)) {
    if (line.startsWith('|')) {
      table ??= [];
      table.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
      continue;
    }
    flush();
    if (line.startsWith('- ')) {
      if (!list) out.push('<ul>');
      list = true;
      out.push(`<li>${inline(line.slice(2))}</li>`);
      continue;
    }
    if (list) out.push('</ul>');
    list = false;
    if (line.startsWith('## ')) out.push(`<h2>${inline(line.slice(3))}</h2>`);
  }
  flush();
  if (list) out.push('</ul>');
  return out.join('\n');
}

/** A line of the Markdown report in HTML: `**bold**` (the report's own, never escaped) becomes strong; the rest is text. */
function inline(text: string): string {
  const parts = text.split(/(?<!\\)\*\*/);
  return parts
    .map((part, index) => {
      const html = escape(mdUnescape(part));
      return index % 2 === 1 && index < parts.length - 1 ? `<strong>${html}</strong>` : html;
    })
    .join('');
}
