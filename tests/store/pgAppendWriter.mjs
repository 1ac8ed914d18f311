// A separate process that appends notes to incident inc-1 of a PostgreSQL store, catching up with readAfter after
// each conflict, and prints "ack" after each committed append. The PostgreSQL tests run four of these at once.
// Plain JavaScript on the built library (npm test builds it first): four of these start in a blink.
import { ConcurrencyError, PgIncidentStore, chainEvents } from 'irp';

const [url, label, countText] = process.argv.slice(2);
const store = new PgIncidentStore(url);
let last = (await store.read('inc-1')).at(-1);
for (let i = 0; i < Number(countText); i += 1) {
  for (;;) {
    const next = chainEvents('inc-1', last, [{ kind: 'note', data: { text: `${label}${i}` }, actor: { name: label, role: 'lead' }, occurredAt: new Date().toISOString() }], new Date());
    try {
      await store.append('inc-1', last, next);
      last = next.at(-1);
      break;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      last = ((await store.readAfter('inc-1', last)) ?? []).at(-1) ?? last;
    }
  }
  process.stdout.write('ack\n');
}
await store.close();
