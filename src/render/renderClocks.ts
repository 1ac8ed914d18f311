import { isStatutory, shortName, type Clock } from '../clocks/clockSpec.ts';
import type { ScreenLine } from './tone.ts';
import type { ClockStart, ClockState } from '../clocks/clockStatus.ts';
import { byUrgency } from '../clocks/clockStatus.ts';
import { isBackdated } from '../record/backdating.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon, formatLondonClock } from '../time/london.ts';
import { wrap } from './text.ts';

const MARK: Record<ClockState['status'], string> = {
  overdue: '!! OVERDUE',
  'due-soon': '!  DUE SOON',
  running: '   running',
  met: '✓  met',
  'met-late': '✓  met LATE',
  waived: '–  not required',
  'not-started': '·  not started',
};

/** Where a clock's label and details start, under the column of marks. */
const DETAIL = ' '.repeat(18);

/** Every clock, most urgent first: status, what and to whom, then when (London time, BST/GMT) and by whom. */
export function renderClocks(states: readonly ClockState[], roles: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const state of [...states].sort(byUrgency)) {
    const mark =
      state.status === 'overdue' && !('hours' in state.clock.runs)
        ? '!! PAST TARGET'
        : state.status === 'met' && state.recordedAfterDeadline
          ? '✓  met (claimed)'
          : MARK[state.status];
    // A long label goes on under itself, where the clock's details are, not under the mark.
    const [first, ...rest] = wrap(state.clock.label, DETAIL, 80).split('\n');
    lines.push(`  ${mark.padEnd(15)} ${(first ?? '').trimStart()}`, ...rest);
    lines.push(wrap(clockDetail(state, roles), DETAIL, 80));
    const start = startLine(state);
    if (start) lines.push(wrap(start, DETAIL, 80));
    for (const extra of clockNotes(state)) lines.push(wrap(extra, DETAIL, 80));
  }
  return lines.join('\n');
}

/** What started a clock and when, and the rule it comes from: "runs from …". */
export function startLine(state: { clock: Pick<Clock, 'starts'>; start?: ClockStart | undefined }): string | undefined {
  const { start } = state;
  if (!start) return undefined;
  const when = formatLondon(new Date(start.at));
  const entry = start.entry;
  const recorded =
    entry && isBackdated({ occurredAt: entry.at, recordedAt: entry.recordedAt })
      ? ` (back-dated: recorded ${formatLondon(new Date(entry.recordedAt))}${entry.backdateReason ? `; reason: ${entry.backdateReason}` : ''})`
      : '';
  switch (start.cause) {
    case 'incident-awareness':
      return start.provisional && state.clock.starts.on === 'moment'
        ? `runs from the incident's awareness, ${when}, until "${state.clock.starts.label}" is recorded`
        : `runs from the incident's awareness, ${when}`;
    case 'moment':
      return `runs from "${start.label}", ${when}${entry ? `, recorded by ${entry.by.name}` : ''}${start.corrected ? ' (corrected)' : ''}${recorded}`;
    case 'fact':
      return `runs from ${start.label}, ${when}${recorded}`;
    case 'reopened':
      return `runs from ${when}, when the record showed ${start.label}${recorded}`;
  }
}

/** Re-opened waivers, back-dated verdicts and follow-ups, one sentence each. */
export function clockNotes(state: ClockState): string[] {
  const notes: string[] = [];
  if ('reopened' in state && state.reopened) {
    const { waiver } = state.reopened;
    notes.push(
      `RE-OPENED: waived as not required at ${formatLondon(new Date(waiver.at))} by ${waiver.by.name}${waiver.reason ? ` ("${waiver.reason}")` : ''}; contradicted by ${state.reopened.because} (event #${state.reopened.entry.seq})`,
    );
  }
  if ('followUpOwed' in state && state.followUpOwed) {
    notes.push(
      `FOLLOW-UP OWED: the report of ${formatLondon(new Date(state.followUpOwed.at))} (#${state.followUpOwed.seq}) came before this clock started (${state.start.label}, ${formatLondon(new Date(state.start.at))}); report what is now known (UK GDPR Art. 33(4))`,
    );
  }
  if ((state.status === 'met' || state.status === 'met-late') && isBackdated({ occurredAt: state.at, recordedAt: state.recordedAt })) {
    const after = Date.parse(state.recordedAt) - Date.parse(state.dueAt);
    const relative = after > 0 ? `, ${formatSpan(after)} after the deadline` : '';
    notes.push(
      `${state.recordedAfterDeadline ? 'met, by the time claimed' : 'back-dated'} (${formatLondonClock(new Date(state.at))}); recorded ${formatLondon(new Date(state.recordedAt))}${relative}${state.backdateReason ? `; reason: ${state.backdateReason}` : ''}`,
    );
  }
  if ('followUps' in state) {
    for (const followUp of state.followUps) {
      notes.push(`follow-up report ${formatLondon(new Date(followUp.at))} by ${followUp.by.name}${followUp.reference ? `, ref ${followUp.reference}` : ''}`);
    }
  }
  return notes;
}

/**
 * One line saying where a clock stands: due when and in how long, or met when and by whom (with the role's name
 * where the playbook's roles are given).
 */
export function clockDetail(state: ClockState, roles: Readonly<Record<string, string>> = {}): string {
  const who = (by: { name: string; role: string }) => `${by.name} (${roles[by.role] ?? by.role})`;
  const law = state.clock.source.law;
  switch (state.status) {
    case 'not-started':
      return `${law}; starts when ${state.waitingFor}`;
    case 'running':
    case 'due-soon':
      return `${law} · ${target(state)} ${formatLondon(new Date(state.dueAt))}, in ${formatSpan(state.remainingMs)} · to ${state.clock.recipient}`;
    case 'overdue':
      return `${law} · ${target(state)} ${formatLondon(new Date(state.dueAt))}, ${formatSpan(-state.remainingMs)} ago · to ${state.clock.recipient}`;
    case 'met':
    case 'met-late': {
      const margin = Date.parse(state.dueAt) - Date.parse(state.at);
      const timing = margin >= 0 ? `${formatSpan(margin)} before the deadline` : `${formatSpan(-margin)} after the deadline`;
      const ref = state.reference ? `, ref ${state.reference}` : '';
      const reason = state.reason ? `; reason for delay: ${state.reason}` : '';
      return `${law} · ${formatLondon(new Date(state.at))} by ${who(state.by)}${ref}, ${timing}${reason}`;
    }
    case 'waived':
      return `${law} · decided ${formatLondon(new Date(state.at))} by ${who(state.by)}${state.reason ? `: ${state.reason}` : ''}`;
  }
}

function target(state: { clock: ClockState['clock'] }): string {
  return 'hours' in state.clock.runs ? 'due' : 'target';
}

/**
 * The clocks that must not be missed, for the runner's header, each on one line within `width` columns: a legal
 * deadline passed first, then anything due soon, then internal targets passed, then the legal clocks running (and
 * any clock owed a follow-up), the least time left first within each; when none of those is running, the nearest
 * deadline. At most `limit` lines, the last saying how many more there are when they do not all fit.
 */
export function urgentClocks(states: readonly ClockState[], width = 80, limit = 3): ScreenLine[] {
  const running = states.filter((state): state is ClockState & { remainingMs: number; dueAt: string } => 'remainingMs' in state);
  const rank = (state: ClockState) => (state.status === 'overdue' ? (isStatutory(state.clock) ? 0 : 2) : state.status === 'due-soon' ? 1 : 3);
  let shown = running
    .filter((state) => isStatutory(state.clock) || state.status !== 'running' || state.followUpOwed !== undefined)
    .sort((a, b) => rank(a) - rank(b) || a.remainingMs - b.remainingMs);
  if (shown.length === 0) shown = [...running].sort((a, b) => a.remainingMs - b.remainingMs).slice(0, 1);
  const lines = shown.slice(0, shown.length > limit ? limit - 1 : limit).map((state) => headerClockLine(state, width));
  if (shown.length > lines.length) lines.push({ text: `  +${shown.length - lines.length} more clocks: More… › Show the full status` });
  return lines;
}

function headerClockLine(state: ClockState & { remainingMs: number; dueAt: string }, width: number): ScreenLine {
  const owed = 'followUpOwed' in state && state.followUpOwed !== undefined;
  const word = state.status === 'overdue' ? ('hours' in state.clock.runs ? 'OVERDUE' : 'PAST TARGET') : state.status === 'due-soon' ? 'DUE SOON' : owed ? 'FOLLOW-UP' : 'due';
  const when = state.remainingMs < 0 ? `${formatSpan(-state.remainingMs)} ago` : `in ${formatSpan(state.remainingMs)}`;
  const tail = ` ${when}, ${formatLondon(new Date(state.dueAt))}`;
  const head = `  ${word.padEnd(12)}`;
  const who = `${shortName(state.clock)}:`;
  const room = width - head.length - tail.length;
  const label = who.length > room ? `${who.slice(0, Math.max(room - 2, 1))}…:` : who;
  const tone = state.status === 'overdue' ? 'alarm' : state.status === 'due-soon' ? 'warning' : undefined;
  return { text: `${head}${label}${tail}`, tone };
}

/** Clocks as data for scripts. */
export function clocksJson(states: readonly ClockState[]): unknown[] {
  return [...states].sort(byUrgency).map((state) => {
    const { clock, ...rest } = state;
    return { id: clock.id, label: clock.label, law: clock.source.law, url: clock.source.url, recipient: clock.recipient, ...rest };
  });
}
