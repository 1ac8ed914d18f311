import type { IncidentReport } from '../engine/incidentReport.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { nearestDeadline } from '../render/renderClocks.ts';
import type { Session } from './runnerIo.ts';

/** Two lines, under 80 columns, always on screen: which incident, how long since awareness, who is recording. */
export function header(report: IncidentReport, now: Date, session: Session): string {
  const { view, playbook } = report;
  const since = formatSpan(now.getTime() - Date.parse(view.awareAt));
  const role = session.actor.role ? (playbook.roles[session.actor.role] ?? session.actor.role) : playbook.roles[Object.keys(playbook.roles)[0] ?? ''];
  const tag = view.exercise ? '[EXERCISE] ' : '';
  const rule = '─'.repeat(78);
  const deadline = nearestDeadline(report.clocks);
  return [
    rule,
    `${tag}${view.id} · ${truncate(view.title, 50 - tag.length)}`,
    `Aware ${since} ago, ${formatLondon(new Date(view.awareAt))}`,
    `You: ${session.actor.name} (${role}) · In command: ${view.commander.name}`,
    ...(deadline ? [deadline] : []),
    rule,
  ].join('\n');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
