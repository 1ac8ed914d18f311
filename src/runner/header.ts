import type { IncidentReport } from '../engine/incidentReport.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { headerClocks } from '../render/renderClocks.ts';
import type { ScreenLine } from '../render/tone.ts';
import type { Session } from './runnerIo.ts';

const WIDTH = 80;

/**
 * Always on screen, within 80 columns: which incident, how long since awareness, who is recording and who is in
 * command, then the clocks that must not be missed (statutory first, then anything overdue or due soon), each in
 * words as well as in colour.
 */
export function header(report: IncidentReport, now: Date, session: Session): ScreenLine[] {
  const { view, playbook } = report;
  const since = formatSpan(now.getTime() - Date.parse(view.awareAt));
  const role = session.actor.role ? (playbook.roles[session.actor.role] ?? session.actor.role) : playbook.roles[Object.keys(playbook.roles)[0] ?? ''];
  const tag = view.exercise ? '[EXERCISE] ' : '';
  const rule = { text: '─'.repeat(WIDTH - 2) };
  const clocks = headerClocks(report.clocks, WIDTH);
  return [
    rule,
    { text: truncate(`${tag}${view.id} · ${view.title}`, WIDTH - 2) },
    { text: `Aware ${since} ago, ${formatLondon(new Date(view.awareAt))}` },
    { text: truncate(`You: ${session.actor.name} (${role}) · In command: ${view.commander.name}`, WIDTH - 2) },
    ...(clocks.length > 0 ? [{ text: 'Clocks:' }, ...clocks] : []),
    rule,
  ];
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
