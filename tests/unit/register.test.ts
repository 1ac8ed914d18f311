// The register in the fold: kept entry by entry, kept in checkpoints compactly and restored exactly, and a report
// that shows the register as it stood when it was made.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { foldEvents } from '../../src/engine/deriveIncident.ts';
import { checkpointOf } from '../../src/engine/foldCheckpoint.ts';
import { registerStatus } from '../../src/engine/registerStatus.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const AWARE = new Date('2022-08-04T06:00:00Z');
const dpo = { name: 'Dee Shah', role: 'dpo' };
const organisation = (i: number) => ({ id: `c${i}`, name: `Customer ${i}`, nation: 'Wales', kinds: ['controller'], products: i === 0 ? ['Adastra', 'Odyssey'] : ['Adastra'], ...(i === 1 ? { noticeHours: 6 } : {}) });

async function supplier() {
  const clock = new ManualClock(new Date(AWARE.getTime() + 3_600_000));
  const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache'));
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog, clock });
  const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Supplier', awareAt: AWARE, actor: dpo });
  return { irp, clock, id: view.id, playbook: await catalog.load('supplier-ransomware') };
}

describe('the register', () => {
  it('is kept in a checkpoint and restored to exactly what a full replay gives', async () => {
    const { irp, clock, id, playbook } = await supplier();
    await irp.execute(id, { kind: 'register', organisations: [0, 1, 2].map(organisation) }, { actor: dpo });
    await irp.execute(id, { kind: 'duty', duty: 'availability-notice', organisations: ['c0', 'c1'], how: 'phone' }, { actor: { name: 'Kim', role: 'customer-liaison' } });
    clock.advance(3_600_000);
    await irp.execute(id, { kind: 'duty', duty: 'restore-point', organisations: ['c0'], product: 'Odyssey', payload: { restorePoint: '2022-07-31T06:00:00Z', outageAt: '2022-08-04T06:00:00Z' } }, { actor: dpo });
    await irp.execute(id, { kind: 'duty', duty: 'exfiltration-notice', organisations: ['c2'], notNeeded: 'None of its data was on the servers concerned.' }, { actor: dpo });
    const events = await irp.log(id);
    const now = new Date(AWARE.getTime() + 10 * 3_600_000);
    const full = foldEvents(playbook, events);
    const restored = foldEvents(playbook, events, JSON.parse(JSON.stringify(checkpointOf(full))));
    expect(restored.register).toEqual(full.register);
    expect(registerStatus(restored, now)).toEqual(registerStatus(full, now));
    const status = registerStatus(full, now);
    // c1's contract gives it 6 hours, not the 24-hour target: overdue at +10h; c2 was never told.
    expect(status.organisations.find((o) => o.organisation.id === 'c1')?.duties[0]).toMatchObject({ status: 'done', dueAt: '2022-08-04T12:00:00.000Z' });
    expect(status.urgent.map(({ organisation: o, state }) => [o.id, state.duty.id, state.status])).toEqual([['c2', 'availability-notice', 'running']]);
    expect(status.duties.find((d) => d.duty === 'exfiltration-notice')).toMatchObject({ owed: 3, done: 1, notNeeded: 1 });
  });

  it('shows in a report as it stood when the report was made, whatever the handle records after', async () => {
    const { irp, id } = await supplier();
    await irp.execute(id, { kind: 'register', organisations: [0, 1].map(organisation) }, { actor: dpo });
    const then = await irp.status(id);
    await irp.execute(id, { kind: 'register', organisations: [organisation(2)] }, { actor: dpo });
    await irp.execute(id, { kind: 'duty', duty: 'availability-notice', organisations: 'all' }, { actor: dpo });
    expect(then.register?.count).toBe(2);
    expect(then.register?.duties.find((d) => d.duty === 'availability-notice')).toMatchObject({ owed: 2, done: 0 });
    expect(then.view.organisations).toBe(2);
    const now = await irp.status(id);
    expect(now.register?.count).toBe(3);
    expect(now.register?.duties.find((d) => d.duty === 'availability-notice')).toMatchObject({ owed: 3, done: 3 });
  });

  it('refuses a register entry that changes nothing, one given twice, and an invalid one, recording none of them', async () => {
    const { irp, id } = await supplier();
    await irp.execute(id, { kind: 'register', organisations: [organisation(0)] }, { actor: dpo });
    await expect(irp.execute(id, { kind: 'register', organisations: [organisation(0)] }, { actor: dpo })).rejects.toMatchObject({ problem: { code: 'register-unchanged' } });
    await expect(irp.execute(id, { kind: 'register', organisations: [organisation(1), organisation(1)] }, { actor: dpo })).rejects.toMatchObject({
      problem: { code: 'invalid-organisation', issues: ['organisation 2: the id "c1" is given twice (also organisation 1)'] },
    });
    await expect(irp.execute(id, { kind: 'register', organisations: [organisation(3), { ...organisation(4), nation: 'Mars' }] }, { actor: dpo })).rejects.toMatchObject({
      problem: { code: 'invalid-organisation', issues: [expect.stringMatching(/^organisation 2: nation: must be one of/)] },
    });
    // A changed entry replaces the earlier one; the record keeps both.
    await irp.execute(id, { kind: 'register', organisations: [{ ...organisation(0), name: 'Customer Zero' }] }, { actor: dpo });
    const { register } = await irp.register(id);
    expect(register.organisations.map((o) => [o.organisation.name, o.registered.updated])).toEqual([['Customer Zero', true]]);
    expect((await irp.log(id)).filter((e) => e.kind === 'organisation.registered')).toHaveLength(2);
  });
});
