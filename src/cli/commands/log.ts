import type { CliContext } from '../context.ts';
import { renderEvent } from '../../render/renderLog.ts';
import type { LoadedPlaybook } from '../../playbook/loadedPlaybook.ts';
import { formatHead, type RecordHead } from '../../record/seal.ts';

/** What is printed is gathered up to this many characters, then written: a long record in few writes. */
const FLUSH_AT = 64 * 1024;

/**
 * `irp log <incident> [--json]`: the record, oldest first, printed as it is read, so that a record of any length
 * is printed in bounded memory. The JSON form is the stored events as one JSON array, an event a line.
 */
export default async function log(context: CliContext, [incident]: string[], options: Record<string, unknown> = {}): Promise<void> {
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
  for await (const event of context.irp.logStream(incident as string)) {
    head = { count: event.seq, hash: event.hash };
    if (context.json) {
      write(lastJson === undefined ? '[\n' : `${lastJson},\n`);
      lastJson = JSON.stringify(event);
      continue;
    }
    // Titles and labels come from the playbook the record names; a playbook that cannot be loaded leaves the ids.
    if (event.kind === 'incident.opened' && options.ids !== true) playbook = await context.irp.catalog.load(event.data.playbook.id).catch(() => undefined);
    write(`${renderEvent(event, playbook)}\n`);
  }
  if (!head) return;
  if (context.json) write(`${lastJson}\n]\n`);
  else write(`\nHead: ${formatHead(head)}\nTo check that nothing up to here changed:\n  ${context.command(`verify ${incident} --expect ${formatHead(head)}`)}\n`);
  flush();
}
