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

export function incidentHtml(incident: BoardIncident, now: Date): string {
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

/** A page of the board: works without its script (a snapshot), and with it keeps itself up to date. */
function page(title: string, main: string, now: Date, query: string, incident?: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/board.css${query}">
<script src="/board.js${query}" defer></script>
</head>
<body data-now="${escape(now.toISOString())}" data-query="${escape(query)}"${incident ? ` data-incident="${escape(incident)}"` : ''}>
<header><h1>${incident ? `<a href="/${escape(query)}">Incident board</a>` : 'Incident board'}</h1><p class="muted" id="updated" aria-live="polite">As of ${escape(formatLondon(now, { seconds: true }))}</p></header>
<main id="board">
${main}
</main>
</body>
</html>
`;
}

/** The board's first page: a line per open incident, most urgent first, with the room's filter. */
export function boardPage(summary: string, now: Date, query: string): string {
  return page('irp incident board', summary, now, query);
}

/** One incident's own page: its clocks, steps, register and latest entries, kept up to date. */
export function incidentPage(incident: BoardIncident, now: Date, query: string): string {
  return page(`${incident.title} · irp incident board`, incidentHtml(incident, now), now, query, incident.id);
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
table.summary { table-layout: fixed; }
table.summary td, table.summary th { padding: 3px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.c-clock { width: 24%; } .c-incident { width: 30%; } .c-org { width: 12%; } .c-who { width: 12%; } .c-now { width: 22%; }
@media (max-width: 800px) { table.summary td, table.summary th { white-space: normal; } }
table.summary tr.overdue .status { color: #fff; background: #a3211a; font-weight: 700; padding: 0 4px; }
table.summary tr.due-soon .status { color: #000; background: #ffd866; font-weight: 700; padding: 0 4px; }
.filter { margin: 0.5rem 0; } .filter label { margin-right: 1rem; }
#counts { font-weight: 600; margin: 0.3rem 0; }
`;

/**
 * The page's own script (served as a file: the content security policy allows no inline script). On the first
 * page, each change the server sends is one incident's line, put in its place by urgency, and the room's filter
 * applies to it; on an incident's own page, a change to that incident fetches the page's content again. Every 30
 * seconds it counts the clocks down from the server's time. All text it shows comes escaped from the server.
 */
export const BOARD_JS = `
(function () {
  var body = document.body;
  var query = body.getAttribute('data-query') || '';
  var incident = body.getAttribute('data-incident');
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
  function stamp(iso, text) {
    if (iso) { serverNow = Date.parse(iso); loadedAt = Date.now(); }
    if (text) document.getElementById('updated').textContent = 'As of ' + text;
  }
  var org = document.getElementById('org');
  var kind = document.getElementById('kind');
  function visible(row) {
    if (kind && kind.value && row.getAttribute('data-kind') !== kind.value) return false;
    if (org && org.value && row.getAttribute('data-org') !== org.value) return false;
    return true;
  }
  function counts() {
    var rows = document.querySelectorAll('#rows tr');
    var exercises = 0, showing = 0;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute('data-kind') === 'exercise') exercises++;
      if (!rows[i].hidden) showing++;
    }
    var total = rows.length;
    var text = total + ' open ' + (total === 1 ? 'incident' : 'incidents') + ': ' + (total - exercises) + ' real, ' + exercises + ' ' + (exercises === 1 ? 'exercise' : 'exercises');
    document.getElementById('counts').textContent = showing === total ? text : text + ' · showing ' + showing;
  }
  function filter() {
    var rows = document.querySelectorAll('#rows tr');
    for (var i = 0; i < rows.length; i++) rows[i].hidden = !visible(rows[i]);
    counts();
  }
  function placeRow(html) {
    var holder = document.createElement('tbody');
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    if (!row) return;
    var old = document.getElementById(row.id);
    if (old) old.parentNode.removeChild(old);
    var tbody = document.getElementById('rows');
    var key = Number(row.getAttribute('data-sort'));
    var at = null;
    for (var i = 0; i < tbody.children.length; i++) {
      if (Number(tbody.children[i].getAttribute('data-sort')) > key) { at = tbody.children[i]; break; }
    }
    tbody.insertBefore(row, at);
    row.hidden = !visible(row);
    var name = row.getAttribute('data-org');
    if (org && name) {
      var known = false;
      for (var j = 0; j < org.options.length; j++) if (org.options[j].value === name) known = true;
      if (!known) { var option = document.createElement('option'); option.value = name; option.textContent = name; org.appendChild(option); }
    }
  }
  function refreshIncident() {
    fetch('/incident/' + encodeURIComponent(incident) + '/main' + query, { cache: 'no-store' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      document.getElementById('board').innerHTML = data.html;
      stamp(data.now, data.asOf);
    });
  }
  if (org) org.addEventListener('change', filter);
  if (kind) kind.addEventListener('change', filter);
  if (window.EventSource) {
    var source = new EventSource('/events' + query);
    source.addEventListener('row', function (event) {
      var data = JSON.parse(event.data);
      if (incident) { if (data.id === incident) refreshIncident(); return; }
      placeRow(data.html);
      counts();
      stamp(data.now, data.asOf);
    });
    source.addEventListener('gone', function (event) {
      var data = JSON.parse(event.data);
      if (incident) { if (data.id === incident) refreshIncident(); return; }
      var row = document.getElementById('r-' + data.id);
      if (row) row.parentNode.removeChild(row);
      counts();
    });
  }
  setInterval(tick, 30000);
})();
`;
