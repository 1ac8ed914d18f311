// What the board lists: real incidents first, exercises apart, and only those being run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { boardMain } from '../../src/board/boardHtml.ts';
import { boardModel } from '../../src/board/boardModel.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
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
});
