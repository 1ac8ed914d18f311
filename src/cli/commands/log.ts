import { renderEvent } from '../../render/renderLog.ts';
import type { LoadedPlaybook } from '../../playbook/loadedPlaybook.ts';
import { formatHead, type RecordHead } from '../../record/seal.ts';
import type { RecordedEvent } from '../../record/recordedEvent.ts';
import type { StoredBy } from '../../store/incidentStore.ts';
import { checkClaims } from '../../api/claimedActors.ts';
import { formatLondon } from '../../time/london.ts';
import { wrap } from '../../render/text.ts';
import { declareCommand, flag, incidentArgument } from '../declareCommand.ts';

/** Who stored an entry, as the shared store saw it; loud where that is not who the entry claims. */
function storedByLine(event: RecordedEvent, by: StoredBy): string {
  const person = by.person ? `${by.person}${by.organisation ? `, ${by.organisation.name}` : ''}` : 'not a person of irp';
  const when = by.receivedAt ? ` at ${formatLondon(new Date(by.receivedAt), { seconds: true })}` : '';
  const forged = checkClaims([event], [by]).forged.length > 0;
  return forged ? `STORED BY the login ${by.login} (${person})${when}, NOT by ${event.actor.name} as it claims` : `stored by the login ${by.login} (${person})${when}`;
}

/** What is printed is gathered up to this many characters, then written: a long record in few writes. */
const FLUSH_AT = 64 * 1024;

/**
 * `irp log <incident> [--json]`: the record, oldest first, printed as it is read, so that a record of any length
 * is printed in bounded memory. The JSON form is the stored events as one JSON array, an event a line.
 */
const log = declareCommand({
  words: ['log'],
  description: 'print the record, oldest first, with London times marked BST or GMT',
  arguments: [incidentArgument],
  options: {
    json: flag('the stored events, as JSON'),
    ids: flag("show the playbook's ids (steps, items, decisions, fields, roles) instead of their titles"),
  },
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    // Every piece written ends a line, so that a flush never cuts one.
    let pending = '';
    const write = (text: string) => {
      pending += text;
      if (pending.length >= FLUSH_AT) flush();
    };
    const flush = () => {
      if (pending !== '') context.out(pending);
      pending = '';
    };
    let head: RecordHead | undefined;
    let lastJson: string | undefined; // written when the next event says whether a comma follows it
    let playbook: LoadedPlaybook | undefined;
    // On the shared store, who stored each entry as the database saw it, beside the name the entry claims.
    const stored = !context.json && context.store.provenance ? new Map((await context.store.provenance(incident)).map((row) => [row.seq, row])) : undefined;
    for await (const event of context.irp.logStream(incident)) {
      head = { count: event.seq, hash: event.hash };
      if (context.json) {
        write(lastJson === undefined ? '[\n' : `${lastJson},\n`);
        lastJson = JSON.stringify(event);
        continue;
      }
      // Titles and labels come from the playbook the record names; a playbook that cannot be loaded leaves the ids.
      if (event.kind === 'incident.opened' && options.ids !== true) playbook = await context.irp.catalog.load(event.data.playbook.id).catch(() => undefined);
      const by = stored?.get(event.seq);
      write(`${renderEvent(event, playbook)}\n${by?.login ? `${wrap(storedByLine(event, by), '      ')}\n` : ''}`);
    }
    if (!head) return;
    if (context.json) write(`${lastJson}\n]\n`);
    else write(`\nHead: ${formatHead(head)}\nTo check that nothing up to here changed:\n  ${context.command(`verify ${incident} --expect ${formatHead(head)}`)}\n`);
    flush();
  },
});

export default log;
