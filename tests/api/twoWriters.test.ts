// Two handles on one state folder, as two people's scripts through the library: every note is recorded, none is
// refused because the other wrote first (the loser of a race decides again after a jittered wait).
import { describe, expect, it } from 'vitest';
import { openIrp } from '../../src/index.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('two writers through the library', () => {
  it('records every one of 2 × 60 notes made at once, in one chain', async () => {
    const stateDir = tempDir();
    const a = openIrp({ stateDir, playbooksDir });
    const b = openIrp({ stateDir, playbooksDir });
    const { view } = await a.start({ playbook: 'supplier-ransomware', title: 'Race', actor: { name: 'Ana', role: 'incident-commander' } });
    const notes = (irp: typeof a, who: string) =>
      Promise.all(Array.from({ length: 60 }, (_, i) => irp.note(view.id, `${who} ${i}`, { actor: { name: who, role: 'incident-commander' } })));
    const results = await Promise.allSettled([notes(a, 'Ana'), notes(b, 'Ben')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    const log = await a.log(view.id);
    expect(log.filter((event) => event.kind === 'note')).toHaveLength(120);
    expect((await a.verify(view.id)).intact).toBe(true);
  });
});
