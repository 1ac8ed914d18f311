import type { ClockState } from '../clocks/clockStatus.ts';
import { byUrgency } from '../clocks/clockStatus.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
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
    const mark = state.status === 'overdue' && !('hours' in state.clock.runs) ? '!! PAST TARGET' : MARK[state.status];
    lines.push(`  ${mark.padEnd(15)} ${state.clock.label}`);
    lines.push(wrap(clockDetail(state), '                  ', 80));
  }
  return lines.join('\n');
}

/** One line saying where a clock stands: due when and in how long, or met when and by whom. */
export function clockDetail(state: ClockState): string {
  const law = state.clock.source.law;
  switch (state.status) {
    case 'not-started':
      return state.clock.starts.on === 'fact'
        ? `${law}; starts when ${state.clock.starts.fact} is recorded as ${state.clock.starts.values.map((v) => JSON.stringify(v)).join(' or ')}`
        : law;
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
