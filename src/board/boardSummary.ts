import { escapeHtml as escape } from '../render/html.ts';
import { formatSpan } from '../time/duration.ts';
import { urgencyKey, urgentClock, type BoardRow } from './boardRows.ts';

/** What the room chose to see: one organisation, and real incidents, exercises or both. */
export interface BoardFilter {
  organisation?: string | undefined;
  kind?: 'real' | 'exercise' | undefined;
}

const STATUS: Record<string, string> = { overdue: 'OVERDUE', 'due-soon': 'DUE SOON', running: 'running' };
/** Longer lists of active steps are cut on the summary: the incident's own page has them all. */
const STATE_CHARS = 140;

export function shown(row: BoardRow, filter: BoardFilter): boolean {
  if (filter.kind === 'real' && row.exercise) return false;
  if (filter.kind === 'exercise' && !row.exercise) return false;
  return filter.organisation === undefined || filter.organisation === '' || row.organisation === filter.organisation;
}

/** One incident's line: its most urgent clock, the incident (a link to its page), organisation, commander, state. */
export function rowHtml(row: BoardRow, now: Date, query: string, filter: BoardFilter = {}): string {
  const clock = urgentClock(row);
  let clockCell = '<span class="muted">no clock running</span>';
  if (clock && 'dueAt' in clock) {
    const status = clock.status === 'overdue' && !('hours' in clock.clock.runs) ? 'PAST TARGET' : (STATUS[clock.status] ?? clock.status);
    const left = Date.parse(clock.dueAt) - now.getTime();
    const when = left < 0 ? `${formatSpan(-left)} ago` : `in ${formatSpan(left)}`;
    const live = row.exercise ? '' : ` data-due="${escape(clock.dueAt)}"`;
    clockCell = `<span class="status">${escape(status)}</span> <span class="when"${live}>${escape(when)}</span> <span class="muted">${escape(clock.clock.label)}</span>`;
  }
  const state = row.state.length > STATE_CHARS ? `${row.state.slice(0, STATE_CHARS - 1)}…` : row.state;
  const offline = row.offlineWaiting > 0 ? ` <span class="set-aside">${row.offlineWaiting} offline ${row.offlineWaiting === 1 ? 'entry' : 'entries'} set aside</span>` : '';
  const link = `/incident/${encodeURIComponent(row.id)}${query}`;
  return `<tr id="r-${escape(row.id)}" class="row ${escape(clock?.status ?? 'quiet')}" data-sort="${urgencyKey(row)}" data-kind="${row.exercise ? 'exercise' : 'real'}" data-org="${escape(row.organisation)}"${shown(row, filter) ? '' : ' hidden'}><td class="clock-cell" title="${escape(clock ? clock.clock.label : '')}">${clockCell}</td><th scope="row"><a href="${escape(link)}">${row.exercise ? '<span class="exercise">EXERCISE</span> ' : ''}${escape(row.title)}</a> <span class="muted">${escape(row.id)}</span>${offline}</th><td>${escape(row.organisation || '—')}</td><td>${escape(row.commander)}</td><td title="${escape(row.state)}">${escape(state)}</td></tr>`;
}

/** The counts above the table: how many are open, of which kind, and how many the filter shows. */
export function countsText(rows: readonly BoardRow[], filter: BoardFilter): string {
  const exercises = rows.filter((row) => row.exercise).length;
  const showing = rows.filter((row) => shown(row, filter)).length;
  const open = `${rows.length} open ${rows.length === 1 ? 'incident' : 'incidents'}: ${rows.length - exercises} real, ${exercises} ${exercises === 1 ? 'exercise' : 'exercises'}`;
  return showing === rows.length ? open : `${open} · showing ${showing}`;
}

/** The summary: the filter, the counts and a line per open incident, most urgent first. */
export function summaryHtml(rows: readonly BoardRow[], now: Date, query: string, filter: BoardFilter): string {
  const sorted = [...rows].sort((a, b) => urgencyKey(a) - urgencyKey(b));
  const organisations = [...new Set(rows.map((row) => row.organisation).filter((name) => name !== ''))].sort();
  const option = (value: string, label: string, selected: boolean) => `<option value="${escape(value)}"${selected ? ' selected' : ''}>${escape(label)}</option>`;
  const orgOptions = [option('', 'every organisation', !filter.organisation), ...organisations.map((name) => option(name, name, filter.organisation === name))].join('');
  const kindOptions = [option('', 'real and exercises', !filter.kind), option('real', 'real only', filter.kind === 'real'), option('exercise', 'exercises only', filter.kind === 'exercise')].join('');
  return `<form id="filter" class="filter" method="get" action="/"><label>Organisation <select name="org" id="org">${orgOptions}</select></label> <label>Kind <select name="kind" id="kind">${kindOptions}</select></label> <noscript><button type="submit">Show</button></noscript></form>
<p id="counts" aria-live="polite">${escape(countsText(rows, filter))}</p>
<table class="summary"><colgroup><col class="c-clock"><col class="c-incident"><col class="c-org"><col class="c-who"><col class="c-now"></colgroup><thead><tr><th scope="col">most urgent clock</th><th scope="col">incident</th><th scope="col">organisation</th><th scope="col">in command</th><th scope="col">now</th></tr></thead>
<tbody id="rows">${sorted.map((row) => rowHtml(row, now, query, filter)).join('\n')}</tbody></table>
${rows.length === 0 ? '<p class="empty">No open incidents.</p>' : ''}`;
}
