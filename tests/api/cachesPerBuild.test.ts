// What one irp worked out and cached (a checkpoint of an incident's state, the summaries irp list and irp deadlines
// read) is used only by the same build: an upgraded irp that corrects a rule works it out again, and does not go on
// showing the old answer until the record changes. Each case first shows the cache is used by the build that wrote
// it (so the case can fail), then that another build does not use it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp, type SummaryEntry } from '../../src/api/irp.ts';
import { FileCheckpointCache } from '../../src/cache/checkpointCache.ts';
import { FileSummaryIndex } from '../../src/cache/summaryIndex.ts';
import { foldEvents } from '../../src/engine/deriveIncident.ts';
import { checkpointOf, type FoldCheckpoint } from '../../src/engine/foldCheckpoint.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { catalogOf } from '../helpers/timePlaybook.ts';
import { testPlaybook } from '../helpers/testPlaybook.ts';
import { tempDir } from '../helpers/tempDir.ts';

const clock = fixedClock(new Date('2022-08-04T06:10:00Z'));
const playbook = testPlaybook();
const catalog = catalogOf(playbook);

async function opened(store: MemoryIncidentStore): Promise<string> {
  const { view } = await new Irp({ store, catalog, clock }).start({ playbook: 'test', title: 'Upgrade', actor: { name: 'Ana' }, awareAt: new Date('2022-08-04T06:00:00Z') });
  return view.id;
}

describe('caches hold for the irp that wrote them', () => {
  it('a checkpoint written by another build is not used: the state is worked out again from the record', async () => {
    const store = new MemoryIncidentStore();
    const id = await opened(store);
    const dir = join(tempDir(), 'derived');
    // What an older irp might have kept: the same record, another state (here, escalated before its hour).
    const older = { ...checkpointOf(foldEvents(playbook, (await store.read(id)) ?? [])), value: 'escalated' };
    new FileCheckpointCache<FoldCheckpoint>(dir, 'irp 0.4.0').set(id, older);

    const sameBuild = new Irp({ store, catalog, clock, checkpoints: new FileCheckpointCache<FoldCheckpoint>(dir, 'irp 0.4.0') });
    expect((await sameBuild.status(id)).view.steps.map((step) => step.title)).toEqual(['Escalated']);
    const upgraded = new Irp({ store, catalog, clock, checkpoints: new FileCheckpointCache<FoldCheckpoint>(dir, 'irp 0.5.0') });
    expect((await upgraded.status(id)).view.steps.map((step) => step.title)).toEqual(['Triage']);
  });

  it("a summary written by another build is not listed: irp list works the incident out again", async () => {
    const store = new MemoryIncidentStore();
    const id = await opened(store);
    const index = join(tempDir(), 'summaries.json');
    const fingerprint = (await store.fingerprint(id)) as string;
    const real = (await new Irp({ store, catalog, clock }).list())[0] as SummaryEntry['summary'];
    expect(real.steps).toEqual(['Triage']);
    const older = new FileSummaryIndex<SummaryEntry>(index, 'irp 0.4.0');
    older.set(id, fingerprint, { summary: { ...real, steps: ['Escalated'] }, clocks: [], playbookId: 'test', sourceHash: playbook.sourceHash });
    older.save();

    const listed = async (build: string) => (await new Irp({ store, catalog, clock, summaries: new FileSummaryIndex<SummaryEntry>(index, build) }).list())[0]?.steps;
    expect(await listed('irp 0.4.0')).toEqual(['Escalated']);
    expect(await listed('irp 0.5.0')).toEqual(['Triage']);
  });
});
