import type { PlaybookWords } from '../playbook/playbookWords.ts';
import { inWords } from '../record/inWords.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { formatLondon } from '../time/london.ts';

/** The register's entries and the notices between linked incidents, in words. */
export function describeExchange(event: RecordedEvent, words: PlaybookWords): string {
  const quoted = (text: string) => (words.ids ? text : `"${text}"`);
  switch (event.kind) {
    case 'organisation.registered': {
      const o = event.data;
      const what = [o.nation, o.kinds.join(', '), ...(o.products.length > 0 ? [o.products.join(', ')] : []), ...(o.members ? [`${o.members} organisations told as one`] : [])];
      return `register: ${o.name}${o.ods ? ` [${o.ods}]` : ''} as ${o.id} (${what.join('; ')})${o.invented ? ' (name invented)' : ''}`;
    }
    case 'organisation.duty':
      if (event.data.notNeeded) return `${quoted(words.duty(event.data.duty))} not needed for ${event.data.organisation}${event.data.product ? ` (${event.data.product})` : ''}: ${event.data.notNeeded}`;
      return `${quoted(words.duty(event.data.duty))} for ${event.data.organisation}${event.data.product ? ` (${event.data.product})` : ''}${event.data.how ? `, by ${event.data.how}` : ''}${event.data.reference ? `, ref ${event.data.reference}` : ''}${
        event.data.payload ? ` (${Object.entries(event.data.payload).map(([key, value]) => `${key}: ${inWords(value)}`).join('; ')})` : ''
      }`;
    case 'notice.received':
      return `notice from ${event.data.from.title} (${event.data.from.incident} #${event.data.notice.seq}): "${event.data.notice.label}"${event.data.notice.product ? ` (${event.data.notice.product})` : ''}, told ${formatLondon(new Date(event.data.notice.toldAt))}; ${
        event.data.via === 'signed-file' ? `signed by key ${event.data.fingerprint ?? '?'}` : 'from the shared store'
      }`;
    case 'notice.acknowledged':
      return `acknowledged notice #${event.data.seq} of ${event.data.incident} (${event.data.via === 'signed-file' ? 'signed acknowledgement' : 'shared store'})`;
    case 'acknowledgement.received':
      return `${event.data.organisation} acknowledged notice #${event.data.notice} (${event.data.via === 'signed-file' ? `signed by key ${event.data.fingerprint ?? '?'}` : 'shared store'}; its record ${event.data.from.incident} at ${event.data.from.head.count})`;
    default:
      return event.kind;
  }
}
