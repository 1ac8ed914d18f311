import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp, type SummaryEntry } from '../../src/api/irp.ts';
import { FileSummaryIndex } from '../../src/cache/summaryIndex.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { catalogOf } from '../helpers/timePlaybook.ts';
import { testPlaybook } from '../helpers/testPlaybook.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('list, from the summary index', () => {
  it('shows the steps a timer moved to once it has fallen due, though the record did not change', async () => {
    const T0 = new Date('2022-08-04T06:00:00Z');
    const clock = new ManualClock(T0);
    const store = new MemoryIncidentStore();
    const index = join(tempDir(), 'index.json');
    const open = () => new Irp({ store, catalog: catalogOf(testPlaybook()), clock, summaries: new FileSummaryIndex<SummaryEntry>(index) });
    const { view } = await open().start({ playbook: 'test', title: 'Timer', actor: { name: 'Ana' } });
    expect((await open().list())[0]).toMatchObject({ id: view.id, steps: ['Triage'] });
    clock.set(new Date(T0.getTime() + 30 * 60_000));
    expect((await open().list())[0]).toMatchObject({ steps: ['Triage'] });
    clock.set(new Date(T0.getTime() + 2 * 3_600_000)); // the hour's timer has fallen due
    expect((await open().list())[0]).toMatchObject({ steps: ['Escalated'] });
  });
});
