// What the board lists: real incidents first, exercises apart, and only those being run; copies set aside beside them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { boardMain } from '../../src/board/boardHtml.ts';
import { boardModel } from '../../src/board/boardModel.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { copyRecord } from '../../src/sync/copyRecord.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const actor = { name: 'Sam Patel', role: 'incident-commander' };

describe('the board', () => {
  it('shows real incidents first and exercises apart, and leaves out an exercise nobody has touched for 12 hours', async () => {
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'c')), clock });
    const old = await irp.start({ playbook: 'supplier-ransomware', title: 'Last year rehearsal', exercise: true, awareAt: new Date('2022-08-04T06:00:00Z'), actor });
    clock.advance(13 * 3_600_000);
    const exercise = await irp.start({ playbook: 'supplier-ransomware', title: 'Tabletop this morning', exercise: true, awareAt: new Date('2022-08-04T06:00:00Z'), actor });
    const real = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware on Staffplan', actor });
    const shown = await boardModel(irp, clock.now());
    expect(shown.map((incident) => incident.id)).toEqual([real.view.id, exercise.view.id]);
    expect(shown.map((incident) => incident.id)).not.toContain(old.view.id);
    const html = boardMain(shown, clock.now());
    expect(html.indexOf('Ransomware on Staffplan')).toBeLessThan(html.indexOf('Exercises being run'));
    expect(html.indexOf('Exercises being run')).toBeLessThan(html.indexOf('Tabletop this morning'));
    expect(html).toContain('(exercise time)');
  });

  it('shows an offline copy set aside beside an incident, with how many of its entries are not in the record', async () => {
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'c'));
    const laptop = new FileIncidentStore(tempDir());
    const shared = new FileIncidentStore(tempDir());
    const irp = new Irp({ store: laptop, catalog, clock });
    const opened = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware on Staffplan', actor });
    const id = opened.view.id;
    await copyRecord(id, laptop, shared);
    clock.advance(60_000);
    await irp.note(id, 'Written offline', { actor });
    await new Irp({ store: shared, catalog, clock }).note(id, 'Written in the shared store', { actor });
    await copyRecord(id, shared, laptop, { keepBoth: true });
    const [shown] = await boardModel(new Irp({ store: laptop, catalog, clock }), clock.now());
    expect(shown?.offlineCopies).toEqual([{ file: join(laptop.stateDir, 'incidents', `${id}.jsonl.diverged-1`), entries: 2, waiting: 1 }]);
    expect(boardMain(shown ? [shown] : [], clock.now())).toContain(`<p class="set-aside" role="alert">SET ASIDE: an offline copy (diverged-1) has 1 entry not in this record; re-apply them or say why not: irp pending ${id}</p>`);
  });
});
