// A separate process that appends notes to incident inc-1 and prints "ack" after each durable append; the store
// tests race two of these, or kill one with SIGKILL mid-run. Conflicts are retried as the CLI does.
import { ConcurrencyError } from '../../src/errors.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';

const [dir, label, countText] = process.argv.slice(2) as [string, string, string];
const store = new FileIncidentStore(dir);
for (let i = 0; i < Number(countText); i += 1) {
  for (;;) {
    const events = (await store.read('inc-1')) as RecordedEvent[];
    const last = events.at(-1) as RecordedEvent;
    const next = chainEvents('inc-1', last, [{ kind: 'note', data: { text: `${label}${i}` }, actor: { name: label, role: 'lead' }, occurredAt: new Date().toISOString() }], new Date());
    try {
      await store.append('inc-1', last, next);
      break;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
  process.stdout.write('ack\n');
}
