// What the board keeps: a line per open incident, most urgent first, real before exercises, leaving out an exercise
// nobody is running; each incident's own page; copies set aside shown on both.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { incidentHtml } from '../../src/board/boardHtml.ts';
import { boardIncident } from '../../src/board/boardModel.ts';
import { urgencyKey } from '../../src/board/boardRows.ts';
import { rowHtml, summaryHtml } from '../../src/board/boardSummary.ts';
import { LiveRows } from '../../src/board/liveRows.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { copyRecord } from '../../src/sync/copyRecord.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const actor = { name: 'Sam Patel', role: 'incident-commander' };

describe('the board', () => {
  it('lists real incidents first, most urgent first, exercises after, and leaves out an exercise nobody has touched for 12 hours', async () => {
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'c')), clock });
    const old = await irp.start({ playbook: 'supplier-ransomware', title: 'Last year rehearsal', exercise: true, awareAt: new Date('2022-08-04T06:00:00Z'), actor });
    clock.advance(13 * 3_600_000);
    const exercise = await irp.start({ playbook: 'supplier-ransomware', title: 'Tabletop this morning', exercise: true, awareAt: new Date('2022-08-04T06:00:00Z'), actor });
    const calm = await irp.start({ playbook: 'supplier-ransomware', title: 'Phishing at a care home', actor });
    const urgent = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware on Staffplan', awareAt: new Date(clock.now().getTime() - 20 * 3_600_000), actor });
    const rows = new LiveRows(irp, new MemoryIncidentStore(), () => clock.now());
    await rows.start();
    const shown = rows.rows(clock.now()).sort((a, b) => urgencyKey(a) - urgencyKey(b));
    expect(shown.map((row) => row.title)).toEqual(['Ransomware on Staffplan', 'Phishing at a care home', 'Tabletop this morning']);
    expect(shown.map((row) => row.id)).not.toContain(old.view.id);
    expect(shown[0]?.commander).toBe('Sam Patel');
    const html = summaryHtml(shown, clock.now(), '', {});
    expect(html).toContain('3 open incidents: 2 real, 1 exercise');
    expect(html.indexOf(urgent.view.id)).toBeLessThan(html.indexOf(calm.view.id));
    expect(html.indexOf(calm.view.id)).toBeLessThan(html.indexOf(exercise.view.id));
    // The room's filter: exercises only.
    const exercisesOnly = summaryHtml(shown, clock.now(), '', { kind: 'exercise' });
    expect(exercisesOnly).toContain('3 open incidents: 2 real, 1 exercise · showing 1');
    expect(rowHtml(shown[0]!, clock.now(), '', { kind: 'exercise' })).toContain(' hidden>');
    await rows.close();
  });

  it("shows an offline copy set aside on the incident's line and its page, with how many of its entries are not in the record", async () => {
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
    const onLaptop = new Irp({ store: laptop, catalog, clock });
    const detail = await boardIncident(onLaptop, id, clock.now());
    expect(detail.offlineCopies).toEqual([{ file: join(laptop.stateDir, 'incidents', `${id}.jsonl.diverged-1`), entries: 2, waiting: 1 }]);
    expect(incidentHtml(detail, clock.now())).toContain(`<p class="set-aside" role="alert">SET ASIDE: an offline copy (diverged-1) has 1 entry not in this record; re-apply them or say why not: irp pending ${id}</p>`);
    const rows = new LiveRows(onLaptop, laptop, () => clock.now());
    await rows.start();
    expect(rowHtml(rows.rows(clock.now())[0]!, clock.now(), '')).toContain('1 offline entry set aside');
    await rows.close();
  });
});
