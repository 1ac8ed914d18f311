import type { IncidentReport } from '../engine/incidentReport.ts';
import { formatSpan } from '../time/duration.ts';
import { urgentClocks } from '../render/renderClocks.ts';
import type { ScreenLine } from '../render/tone.ts';
import { fitLine } from '../render/text.ts';
import type { Session } from './runnerIo.ts';

/**
 * Always on screen: one line saying which incident, how long since awareness and who is acting (and who is in
 * command, when that is someone else), then the clocks that must not be missed, most urgent first, at most three
 * and a line saying how many more; an exercise's clock line where there is one; entries of a set-aside offline
 * copy still waiting, where there are any.
 */
export function header(report: IncidentReport, now: Date, session: Session, columns = 80, headline?: string): { line: ScreenLine; clocks: ScreenLine[] } {
  const { view, playbook } = report;
  const since = formatSpan(now.getTime() - Date.parse(view.awareAt));
  const role = session.actor.role ? (playbook.roles[session.actor.role] ?? session.actor.role) : playbook.roles[Object.keys(playbook.roles)[0] ?? ''];
  const tag = view.exercise ? '[EXERCISE] ' : '';
  const commander = view.commander.name === session.actor.name ? '' : ` · In command: ${view.commander.name}`;
  // Cut in this order when the line is too long: the title, then the incident id, then the role.
  const width = columns - 1;
  const aware = ` · aware ${since}`;
  const you = ` · You: ${session.actor.name}`;
  const roleText = ` (${role})`;
  const id = ` · ${view.id}`;
  const fits = (text: string) => text.length <= width;
  const build = (title: string, withRole: boolean, withId: boolean) => `${tag}${title}${aware}${you}${withRole ? roleText : ''}${commander}${withId ? id : ''}`;
  let text = build(view.title, true, true);
  for (const [withRole, withId] of [[true, true], [true, false], [false, false]] as const) {
    const room = width - build('', withRole, withId).length;
    if (room >= Math.min(12, view.title.length)) {
      text = build(fitLine(view.title, room), withRole, withId);
      break;
    }
  }
  const line = { text: fits(text) ? text : fitLine(text, width) };
  // Entries of an offline copy not yet in this record are as urgent as a clock: what they hold is not counted yet.
  const waiting = report.offlineCopies.reduce((sum, copy) => sum + copy.waiting, 0);
  const setAside = waiting > 0 ? [{ text: fitLine(`SET ASIDE: ${waiting} offline ${waiting === 1 ? 'entry' : 'entries'} not in this record (see: irp pending)`, columns - 1), tone: 'warning' as const }] : [];
  const clocks = [...(headline ? [{ text: fitLine(headline, columns - 1) }] : []), ...setAside, ...urgentClocks(report.clocks, columns - 1, 3)];
  return { line, clocks: [...clocks, { text: '─'.repeat(Math.min(columns - 1, 79)) }] };
}
