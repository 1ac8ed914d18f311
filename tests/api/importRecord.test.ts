// The one write path takes whole records too (an exercise replayed in memory): checked like a read, or refused.
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { DamagedRecordError, IncidentExistsError } from '../../src/errors.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { catalogOf, timePlaybook } from '../helpers/timePlaybook.ts';

const catalog = catalogOf(timePlaybook());
const clock = new ManualClock(new Date('2022-08-04T06:00:00Z'));

async function recordMadeElsewhere() {
  const elsewhere = new Irp({ store: new MemoryIncidentStore(), catalog, clock, newSuffix: () => 'beef' });
  const { view } = await elsewhere.start({ playbook: 'time', title: 'Made elsewhere', actor: { name: 'Ana' } });
  await elsewhere.note(view.id, 'first', { actor: { name: 'Ana' } });
  return elsewhere.log(view.id);
}

describe('importing a whole record', () => {
  it('stores a record that verifies and replays, and refuses it a second time', async () => {
    const events = await recordMadeElsewhere();
    const store = new MemoryIncidentStore();
    const irp = new Irp({ store, catalog, clock });
    const report = await irp.importRecord(events);
    expect(report.view.id).toBe('inc-20220804-beef');
    expect(await store.read('inc-20220804-beef')).toEqual(events);
    await expect(irp.importRecord(events)).rejects.toBeInstanceOf(IncidentExistsError);
  });

  it('refuses a damaged record or one that does not open an incident, writing nothing', async () => {
    const events = await recordMadeElsewhere();
    const store = new MemoryIncidentStore();
    const irp = new Irp({ store, catalog, clock });
    const edited = [events[0], { ...events[1], data: { text: 'changed' } }] as typeof events;
    await expect(irp.importRecord(edited)).rejects.toBeInstanceOf(DamagedRecordError);
    await expect(irp.importRecord(events.slice(1))).rejects.toMatchObject({ problem: { code: 'not-opened', where: 'The record to import' } });
    expect(await store.list()).toEqual([]);
  });
});
