import type { BoardIncident } from './boardModel.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon, formatLondonClock } from '../time/london.ts';
import { escapeHtml as escape } from '../render/html.ts';
import { offlineCopyLine } from '../render/renderStatus.ts';


const STATUS: Record<string, string> = {
  overdue: 'OVERDUE',
  'due-soon': 'DUE SOON',
  running: 'running',
  met: 'met',
  'met-late': 'met LATE',
  waived: 'not required',
  'not-started': 'not started',
};

/** The board's main content: every open incident, for the page and for each live update. */
export function boardMain(incidents: readonly BoardIncident[], now: Date): string {
  const real = incidents.filter((incident) => !incident.exercise);
  const exercises = incidents.filter((incident) => incident.exercise);
  const parts = [real.length === 0 ? '<p class="empty">No open incidents.</p>' : real.map((incident) => incidentHtml(incident, now)).join('\n')];
  // Exercises apart, below the real incidents, their time on their own clock rather than the room's.
  if (exercises.length > 0) parts.push('<h2 class="exercises">Exercises being run</h2>', ...exercises.map((incident) => incidentHtml(incident, now)));
  return parts.join('\n');
}

function incidentHtml(incident: BoardIncident, now: Date): string {
  const clocks = incident.clocks
    .map((clock) => {
      const status = clock.status === 'overdue' && !clock.deadline ? 'PAST TARGET' : STATUS[clock.status];
      const when =
        clock.remainingMs === undefined
          ? clock.at
            ? formatLondon(new Date(clock.at))
            : '—'
          : clock.remainingMs < 0
            ? `${formatSpan(-clock.remainingMs)} ago`
            : `in ${formatSpan(clock.remainingMs)}`;
      const due = clock.dueAt ? `<br><span class="muted">${escape(formatLondon(new Date(clock.dueAt)))}</span>` : '';
      // An exercise's clocks run on its own simulated time: the page does not count them down in real time.
      const live = clock.dueAt && clock.remainingMs !== undefined && !incident.exercise ? ` data-due="${escape(clock.dueAt)}"` : '';
      return `<tr class="clock ${escape(clock.status)}"><th scope="row">${escape(clock.label)}${clock.statutory ? ' <span class="law">statutory</span>' : ''}<br><span class="muted">${escape(clock.law)}</span></th><td class="status">${escape(status ?? clock.status)}</td><td class="when"${live}>${escape(when)}${due}</td></tr>`;
    })
    .join('');
  const steps = incident.steps
    .map((step) => `<li><strong>${escape(step.title)}</strong> <span class="muted">${escape(step.role)}${step.holder ? `: ${escape(step.holder)}` : ''}</span>${step.required > 0 ? ` <span class="progress" aria-label="checklist">${step.ticked} of ${step.required} ticked</span>` : ''}</li>`)
    .join('');
  const timeline = incident.timeline
    .map((entry) => `<li class="${entry.recent ? 'recent' : ''}" data-seq="${entry.seq}"><time datetime="${escape(entry.at)}">${escape(formatLondonClock(new Date(entry.at)))}</time> <span class="who">${escape(entry.who)}</span> ${escape(entry.text)}${entry.recent ? ' <span class="new">new</span>' : ''}</li>`)
    .join('');
  const register = incident.register ? registerHtml(incident.register, incident.exercise) : '';
  const linked = incident.linked
    ? `<p class="muted">Linked to ${escape(incident.linked.title)} (${escape(incident.linked.incident)}) as ${escape(incident.linked.organisation)}: ${incident.linked.received} notices taken in, ${incident.linked.acknowledged} acknowledged</p>`
    : '';
  const offline = incident.offlineCopies
    .map((copy) => `<p class="set-aside" role="alert">${escape(offlineCopyLine(incident.id, copy))}</p>`)
    .join('');
  return `<section class="incident" aria-labelledby="h-${escape(incident.id)}">
<h2 id="h-${escape(incident.id)}">${incident.exercise ? '<span class="exercise">EXERCISE</span> ' : ''}${escape(incident.title)} <span class="muted">${escape(incident.id)}</span></h2>
<p class="muted">Aware ${escape(formatLondon(new Date(incident.awareAt)))}${incident.exercise ? ' (exercise time)' : ` (${escape(formatSpan(now.getTime() - Date.parse(incident.awareAt)))} ago)`} · in command: ${escape(incident.commander)}</p>${linked}${offline}
<div class="columns">
<div><h3>Clocks</h3><table><thead><tr><th scope="col">clock</th><th scope="col">state</th><th scope="col">when</th></tr></thead><tbody>${clocks}</tbody></table></div>
<div>${register}<h3>Active steps</h3><ul class="steps">${steps || '<li>None</li>'}</ul>
<h3>Decisions and notes</h3><ol class="timeline" reversed>${timeline || '<li>Nothing yet</li>'}</ol></div>
</div>
</section>`;
}

/** The register of a supplier's incident: each duty's count, and its most urgent duties not done. */
function registerHtml(register: NonNullable<BoardIncident['register']>, exercise: boolean): string {
  const rows = register.duties
    .map((duty) => `<tr class="${duty.overdue > 0 ? 'clock overdue' : ''}"><th scope="row">${escape(duty.label)}</th><td>${duty.done} of ${duty.owed}</td><td>${duty.overdue > 0 ? `${duty.overdue} overdue` : ''}</td></tr>`)
    .join('');
  const urgent = register.urgent
    .map((entry) => {
      const when = entry.remainingMs < 0 ? `${formatSpan(-entry.remainingMs)} ago` : `in ${formatSpan(entry.remainingMs)}`;
      const live = exercise ? '' : ` data-due="${escape(entry.dueAt)}"`;
      return `<li class="clock ${escape(entry.status)}">${escape(entry.duty)}${entry.product ? ` (${escape(entry.product)})` : ''}: ${escape(entry.organisation)} <span class="when"${live}>${escape(when)}</span></li>`;
    })
    .join('');
  return `<h3>Organisations (${register.count}${register.members > register.count ? `; ${register.members} with groups` : ''})</h3>
<p class="muted">Notices sent ${register.notices.sent}, acknowledged ${register.notices.acknowledged}</p>
<table><thead><tr><th scope="col">duty</th><th scope="col">done</th><th scope="col"></th></tr></thead><tbody>${rows}</tbody></table>${urgent ? `<h3>Most urgent</h3><ul class="urgent">${urgent}</ul>` : ''}`;
}

/** The whole page: works without its script (a snapshot), and with it keeps itself up to date. */
export function boardPage(incidents: readonly BoardIncident[], now: Date, query: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>irp incident board</title>
<link rel="stylesheet" href="/board.css${query}">
<script src="/board.js${query}" defer></script>
</head>
<body data-now="${escape(now.toISOString())}" data-query="${escape(query)}">
<header><h1>Incident board</h1><p class="muted" id="updated" aria-live="polite">As of ${escape(formatLondon(now, { seconds: true }))}</p></header>
<main id="board" aria-live="polite">
${boardMain(incidents, now)}
</main>
</body>
</html>
`;
}

export const BOARD_CSS = `
body { font: 16px/1.45 system-ui, sans-serif; margin: 1rem 1.5rem; color: #111; background: #fff; }
h1 { font-size: 1.5rem; margin: 0; } h2 { font-size: 1.3rem; border-bottom: 2px solid #333; } h3 { font-size: 1.05rem; margin: 0.8rem 0 0.3rem; }
.muted { color: #4a4a4a; font-weight: normal; font-size: 0.9em; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ccc; padding: 4px 6px; }
th[scope=row] { font-weight: 600; }
.clock.overdue .status { color: #fff; background: #a3211a; font-weight: 700; }
.clock.due-soon .status { color: #000; background: #ffd866; font-weight: 700; }
.law { font-size: 0.75em; border: 1px solid #333; border-radius: 3px; padding: 0 3px; }
.set-aside { background: #fff3cd; color: #5c4400; border-left: 4px solid #b8860b; padding: 4px 8px; }
.exercise { background: #5b3fa8; color: #fff; padding: 1px 6px; border-radius: 4px; font-size: 0.8em; }
ul.steps, ol.timeline { padding-left: 1.2rem; } .timeline li { margin: 2px 0; }
.recent { background: #fff6d5; } .new { font-size: 0.75em; font-weight: 700; color: #8a5300; }
.who { font-weight: 600; }
@media (max-width: 800px) { .columns { grid-template-columns: 1fr; } }
@media print { body { margin: 0; } .recent { background: none; } .clock.overdue .status, .clock.due-soon .status { background: none; color: #000; text-decoration: underline; } }
`;

/**
 * The page's own script (served as a file: the content security policy allows no inline script). It listens to
 * the server's events and, on each change, fetches the new content; every 30 seconds it counts the clocks down from
 * the server's time. All text it shows comes escaped from the server.
 */
export const BOARD_JS = `
(function () {
  var body = document.body;
  var query = body.getAttribute('data-query') || '';
  var serverNow = Date.parse(body.getAttribute('data-now'));
  var loadedAt = Date.now();
  function span(ms) {
    var m = Math.floor(ms / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), mm = m % 60;
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + (mm < 10 ? '0' : '') + mm + 'm';
    return mm + 'm';
  }
  function tick() {
    var now = serverNow + (Date.now() - loadedAt);
    var cells = document.querySelectorAll('.when[data-due]');
    for (var i = 0; i < cells.length; i++) {
      var left = Date.parse(cells[i].getAttribute('data-due')) - now;
      var first = cells[i].firstChild;
      if (first && first.nodeType === 3) first.nodeValue = left < 0 ? span(-left) + ' ago' : 'in ' + span(left);
    }
  }
  function refresh() {
    fetch('/main' + query, { cache: 'no-store' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      serverNow = Date.parse(data.now); loadedAt = Date.now();
      document.getElementById('board').innerHTML = data.html;
      document.getElementById('updated').textContent = 'As of ' + data.asOf;
    });
  }
  if (window.EventSource) {
    var source = new EventSource('/events' + query);
    source.addEventListener('change', refresh);
  }
  setInterval(tick, 30000);
})();
`;
