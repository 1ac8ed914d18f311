// A separate process that appends notes to incident inc-1 of a PostgreSQL store, catching up with readAfter after
// each conflict, and prints "ack" after each committed append. The PostgreSQL tests run four of these at once.
import { ConcurrencyError } from '../../src/errors.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';

const [url, label, countText] = process.argv.slice(2) as [string, string, string];
const store = new PgIncidentStore(url);
let last = ((await store.read('inc-1')) as RecordedEvent[]).at(-1) as RecordedEvent;
for (let i = 0; i < Number(countText); i += 1) {
  for (;;) {
    const next = chainEvents('inc-1', last, [{ kind: 'note', data: { text: `${label}${i}` }, actor: { name: label, role: 'lead' }, occurredAt: new Date().toISOString() }], new Date());
    try {
      await store.append('inc-1', last, next);
      last = next.at(-1) as RecordedEvent;
      break;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      last = ((await store.readAfter('inc-1', last)) ?? []).at(-1) ?? last;
    }
  }
  process.stdout.write('ack\n');
}
await store.close();
