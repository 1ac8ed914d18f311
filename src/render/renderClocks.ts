import type { Clock } from '../clocks/clockSpec.ts';
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

/** Every clock, most urgent first: status, what and to whom, then when (London time, BST/GMT) and by whom. */
export function renderClocks(states: readonly ClockState[]): string {
  const lines: string[] = [];
  for (const state of [...states].sort(byUrgency)) {
    const mark =
      state.status === 'overdue' && !('hours' in state.clock.runs)
        ? '!! PAST TARGET'
        : state.status === 'met' && state.recordedAfterDeadline
          ? '✓  met (claimed)'
          : MARK[state.status];
    lines.push(`  ${mark.padEnd(15)} ${state.clock.label}`);
    lines.push(wrap(clockDetail(state), '                  ', 80));
    const start = startLine(state);
    if (start) lines.push(wrap(start, '                  ', 80));
    for (const extra of clockNotes(state)) lines.push(wrap(extra, '                  ', 80));
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
        ? `runs from the incident's awareness, ${when}, until "${state.clock.starts.label}" is recorded (irp aware)`
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

/** One line saying where a clock stands: due when and in how long, or met when and by whom. */
export function clockDetail(state: ClockState): string {
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
      return `${law} · ${formatLondon(new Date(state.at))} by ${state.by.name} (${state.by.role})${ref}, ${timing}${reason}`;
    }
    case 'waived':
      return `${law} · decided ${formatLondon(new Date(state.at))} by ${state.by.name} (${state.by.role})${state.reason ? `: ${state.reason}` : ''}`;
  }
}

function target(state: { clock: ClockState['clock'] }): string {
  return 'hours' in state.clock.runs ? 'due' : 'target';
}

/** The running clock due first, for the runner's header. */
export function nearestDeadline(states: readonly ClockState[]): string | undefined {
  const next = [...states].filter((state) => 'remainingMs' in state).sort(byUrgency)[0];
  if (!next || !('remainingMs' in next)) return undefined;
  const when = next.remainingMs < 0 ? `OVERDUE by ${formatSpan(-next.remainingMs)}` : `in ${formatSpan(next.remainingMs)}`;
  const tail = ` ${when}, ${formatLondon(new Date(next.dueAt))}`;
  const room = 78 - 'Next deadline: '.length - tail.length;
  const recipient = next.clock.recipient.replace(/\s*\(.*\)\s*$/, '');
  const label = recipient.length > room ? `${recipient.slice(0, room - 1)}…` : recipient;
  return `Next deadline: ${label}${tail}`;
}

/** Clocks as data for scripts. */
export function clocksJson(states: readonly ClockState[]): unknown[] {
  return [...states].sort(byUrgency).map((state) => {
    const { clock, ...rest } = state;
    return { id: clock.id, label: clock.label, law: clock.source.law, url: clock.source.url, recipient: clock.recipient, ...rest };
  });
}
