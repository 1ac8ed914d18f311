import type { RecordedEvent } from '../record/recordedEvent.ts';
import { formatLondon } from '../time/london.ts';
import { wrap } from './text.ts';

/** One line (plus note) per event: when it happened, who, what; and when it was recorded if that differs. */
export function renderLog(events: readonly RecordedEvent[]): string {
  return events.map(renderEvent).join('\n');
}

export function renderRecorded(events: readonly RecordedEvent[]): string {
  if (events.length === 0) return 'Nothing recorded.';
  return `Recorded:\n${renderLog(events)}\n`;
}

function renderEvent(event: RecordedEvent): string {
  const when = formatLondon(new Date(event.occurredAt), { seconds: true });
  const backdated = Math.abs(Date.parse(event.recordedAt) - Date.parse(event.occurredAt)) >= 60_000;
  const lines = [`#${event.seq}  ${when}  ${event.actor.name} (${event.actor.role})  ${describe(event)}`];
  if (backdated) lines.push(`      recorded ${formatLondon(new Date(event.recordedAt), { seconds: true })}`);
  if (event.kind === 'note') lines.push(wrap(event.data.text, '      '));
  if (event.note) lines.push(wrap(`note: ${event.note}`, '      '));
  return lines.join('\n');
}

function describe(event: RecordedEvent): string {
  switch (event.kind) {
    case 'incident.opened':
      return `opened "${event.data.title}" under ${event.data.playbook.id} ${event.data.playbook.version}; aware ${formatLondon(new Date(event.data.awareAt))}${event.data.exercise ? ' (exercise)' : ''}`;
    case 'decision':
      return `decided ${event.data.event}${event.data.payload ? ` ${JSON.stringify(event.data.payload)}` : ''}`;
    case 'checklist.ticked':
      return `ticked ${event.data.items.join(', ')} in ${event.data.step}`;
    case 'note':
      return 'note:';
    case 'step.assigned':
      return `assigned ${event.data.step} to ${event.data.assignee.name} (${event.data.assignee.role})`;
    case 'role.assigned':
      return `${event.data.name} holds the role ${event.data.role}`;
    case 'command.handed-over':
      return `handed over command to ${event.data.to.name} (${event.data.to.role})`;
    case 'exercise.inject':
      return `INJECT${event.data.manual ? ' (by hand)' : ''} from ${event.data.from}: ${event.data.title}`;
    case 'exercise.clock':
      return `exercise clock: ${event.data.action} to ${formatLondon(new Date(event.data.to))}`;
    case 'timer.fired':
      return `timer fired in ${event.data.step}: ${event.data.label}`;
  }
}
