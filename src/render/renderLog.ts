import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { entryDelayMs, isBackdated } from '../record/backdating.ts';
import type { OfflineOrigin, RecordedEvent } from '../record/recordedEvent.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { inWords } from '../record/inWords.ts';
import { playbookWords, type PlaybookWords } from '../playbook/playbookWords.ts';
import { wrap } from './text.ts';
import { describeExchange } from '../engine/exchangeWords.ts';

/**
 * One line (plus note) per event: when it happened, who, what; and when it was recorded if that differs. With the
 * playbook, steps, items, decisions, fields and roles read as their titles and labels; `ids` shows the ids instead
 * (as `--json` always does).
 */
export function renderLog(events: readonly RecordedEvent[], playbook?: LoadedPlaybook, options: { ids?: boolean } = {}): string {
  const words = playbookWords(options.ids ? undefined : playbook);
  return events.map((event) => entryLines(event, words)).join('\n');
}

export function renderRecorded(events: readonly RecordedEvent[], playbook?: LoadedPlaybook): string {
  if (events.length === 0) return 'Nothing recorded.';
  return `Recorded:\n${renderLog(events, playbook)}\n`;
}

/** One entry as the log prints it: its line, and the lines of its times, its note and its text. */
export function renderEvent(event: RecordedEvent, playbook?: LoadedPlaybook): string {
  return entryLines(event, playbookWords(playbook));
}

function entryLines(event: RecordedEvent, words: PlaybookWords): string {
  const when = formatLondon(new Date(event.occurredAt), { seconds: true });
  const role = event.actor.role === 'system' ? 'system' : words.role(event.actor.role);
  // A name that is the role itself ("Incident commander") is not said twice.
  const who = event.actor.name === role ? role : `${event.actor.name} (${role})`;
  const first = `#${event.seq}  ${when}  ${who}  ${describe(event, words)}`;
  const lines = [first.length <= 80 ? first : wrap(first, '      ').replace(/^ {6}/, '')];
  if (isBackdated(event)) lines.push(wrap(backdatedLine(event), '      '));
  if (event.fromOffline) lines.push(wrap(offlineLine(event.fromOffline), '      '));
  if (event.fromPaper) lines.push(wrap(`FROM PAPER: typed up from ${event.fromPaper.file}, line ${event.fromPaper.line}`, '      '));
  if (event.kind === 'note') lines.push(wrap(event.data.text, '      '));
  if (event.kind === 'decision' && event.data.rationale) lines.push(wrap(`rationale: ${event.data.rationale}`, '      '));
  if ((event.kind === 'decision' || event.kind === 'notification.reported') && event.data.lateReasons) lines.push(wrap(`reasons for the delay: ${event.data.lateReasons}`, '      '));
  if (event.note) lines.push(wrap(`note: ${event.note}`, '      '));
  return lines.join('\n');
}

/** What an entry settles of a set-aside offline copy: `RE-APPLIED from an offline copy: its entry #14 (…)`. */
export function offlineLine(from: OfflineOrigin): string {
  const entry = `its entry #${from.seq} (${from.hash.slice(0, 12)}…), recorded there ${formatLondon(new Date(from.recordedAt), { seconds: true })}`;
  return from.dropped === undefined ? `RE-APPLIED from an offline copy: ${entry}` : `NOT RE-APPLIED, from an offline copy: ${entry}; because: ${from.dropped}`;
}

/**
 * Both times of an entry recorded after the time it claims: `BACK-DATED: recorded Thu 4 Aug 2022 09:00:00 BST,
 * 1h 50m later; reason: …`. A timer is stamped with its due time by irp, so it says "recorded later" instead.
 */
export function backdatedLine(event: RecordedEvent): string {
  const recorded = `recorded ${formatLondon(new Date(event.recordedAt), { seconds: true })}, ${formatSpan(entryDelayMs(event))} later`;
  if (event.kind === 'timer.fired') return `(fell due then; ${recorded}, by the next entry dated after it)`;
  return `BACK-DATED: ${recorded}${event.backdateReason ? `; reason: ${event.backdateReason}` : ''}`;
}

function describe(event: RecordedEvent, words: PlaybookWords): string {
  const quoted = (text: string) => (words.ids ? text : `"${text}"`);
  switch (event.kind) {
    case 'incident.opened':
      return `opened "${event.data.title}" under ${event.data.playbook.id} ${event.data.playbook.version}; aware ${formatLondon(new Date(event.data.awareAt))}${event.data.exercise ? ' (exercise)' : ''}`;
    case 'decision': {
      const data = Object.entries(event.data.payload ?? {}).map(([field, value]) => `${words.field(event.data.event, field)}: ${inWords(value)}`);
      return `decided ${quoted(words.decision(event.data.event))}${data.length > 0 ? ` (${data.join('; ')})` : ''}`;
    }
    case 'checklist.ticked':
      return `ticked ${event.data.items.map((item) => quoted(words.item(event.data.step, item))).join(', ')} in ${quoted(words.step(event.data.step))}`;
    case 'note':
      if (event.data.about === 'lesson') return 'LESSON:';
      if (event.data.about === 'action') return `ACTION${event.data.owner ? ` for ${event.data.owner}` : ''}${event.data.due ? `, due ${event.data.due}` : ''}:`;
      if (event.data.about === 'closure') return `CLOSED the action #${event.data.closes ?? '?'}:`;
      if (event.data.about === 'board') return 'BOARD took part:';
      return 'note:';
    case 'step.assigned':
      return `assigned ${quoted(words.step(event.data.step))} to ${event.data.assignee.name} (${words.role(event.data.assignee.role)})`;
    case 'role.assigned':
      return `${event.data.name} holds the role ${words.role(event.data.role)}`;
    case 'command.handed-over':
      if (event.data.takeover) return `TOOK OVER command from ${event.data.takeover.from}: ${event.data.to.name} (${words.role(event.data.to.role)}) is in command; reason: ${event.data.takeover.reason}`;
      return `handed over command to ${event.data.to.name} (${words.role(event.data.to.role)})`;
    case 'exercise.inject':
      return `INJECT${event.data.manual ? ' (by hand)' : ''} from ${event.data.from}: ${event.data.title}`;
    case 'exercise.clock':
      return `exercise clock: ${event.data.action} to ${formatLondon(new Date(event.data.to))}`;
    case 'timer.fired':
      return `timer fired in ${quoted(words.step(event.data.step))}: ${event.data.label}`;
    case 'fact.corrected':
      return `corrected ${quoted(words.field(undefined, event.data.fact))}: ${inWords(event.data.previous)} → ${inWords(event.data.value)}; reason: ${event.data.reason}`;
    case 'awareness.recorded':
      return `${event.data.reason ? 'corrected the moment' : 'moment of awareness'}: ${event.data.label}${event.data.reason ? `; reason: ${event.data.reason}` : ''}`;
    case 'notification.reported':
      return `${event.data.followUp ? 'follow-up report' : 'report'}: ${words.clock(event.data.clock)}${event.data.reference ? `, ref ${event.data.reference}` : ''}`;
    case 'notification.sent':
      return `notice sent to ${event.data.to} (${words.clock(event.data.clock)}) by ${event.data.via}; text SHA-256 ${event.data.sha256.slice(0, 16)}…`;
    default:
      return describeExchange(event, words);
  }
}
