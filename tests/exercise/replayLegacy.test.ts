// A record made before the reasons for a delay and the rationale had fields of their own gives them in the note:
// replayed (what-if), the note counts as given, and only a late decision with no words at all is a divergence.
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { replayAgainst } from '../../src/replay/replayAgainst.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { catalogOf, HOUR, timePlaybook } from '../helpers/timePlaybook.ts';

const T0 = new Date('2022-08-04T06:00:00Z');

/** An incident whose ICO notice is recorded 80 hours in, the reasons for the delay only in its note (as before). */
async function legacyLateRecord(note: string | undefined): Promise<RecordedEvent[]> {
  const playbook = timePlaybook();
  const store = new MemoryIncidentStore();
  const clock = new ManualClock(T0);
  const irp = new Irp({ store, catalog: catalogOf(playbook), clock });
  const { view } = await irp.start({ playbook: 'time', title: 'Late', actor: { name: 'Ana' } });
  await irp.check(view.id, ['seen'], { actor: { name: 'Ana' } });
  await irp.step(view.id, { event: 'DECLARE' }, { actor: { name: 'Ana' } });
  clock.set(new Date(T0.getTime() + 80 * HOUR));
  const record = await irp.log(view.id);
  const late = { kind: 'decision' as const, data: { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' } }, actor: { name: 'Ana', role: 'lead' }, occurredAt: clock.now().toISOString(), ...(note ? { note } : {}) };
  return [...record, ...chainEvents(view.id, record.at(-1), [late], clock.now())];
}

describe('what-if replay of a record made before the rationale and the reasons had their own fields', () => {
  it('takes the note of a late decision as its reasons for the delay, and reports a late decision with none', async () => {
    const playbook = timePlaybook();
    const endAt = new Date(T0.getTime() + 90 * HOUR);
    const withNote = await replayAgainst({ events: await legacyLateRecord('the scope took three days'), original: playbook, target: playbook, endAt });
    expect(withNote.divergences).toEqual([]);
    const bare = await replayAgainst({ events: await legacyLateRecord(undefined), original: playbook, target: playbook, endAt });
    expect(bare.divergences.map((d) => d.problem)).toEqual([expect.stringContaining('the record gives no reason for the delay')]);
  });
});
