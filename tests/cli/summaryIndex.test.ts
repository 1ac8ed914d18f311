// `irp list` and `irp deadlines` take what they worked out before from the summary index, for records that have
// not changed; these tests check that the index never shows anything a fresh derivation would not.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

type Deadlines = { clocks: Array<{ incident: string; id: string; status: string; remainingMs: number }> };

describe('the summary index behind list and deadlines', () => {
  it('moves running clocks on with time, and derives again a record that changed', async () => {
    const stateDir = tempDir();
    const at = (now: string) => ({ IRP_STATE_DIR: stateDir, IRP_NOW: now, IRP_ACTOR: 'Sam Patel' });
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Index', '--aware-at', '07:00'], at('2022-08-04T10:00:00+01:00'));
    const first = await runIrpJson<Deadlines>(['deadlines'], at('2022-08-04T10:00:00+01:00'));
    expect(existsSync(join(stateDir, '.cache', 'summaries-3.json'))).toBe(true);
    const later = await runIrpJson<Deadlines>(['deadlines'], at('2022-08-04T11:00:00+01:00'));
    const ico = (d: Deadlines) => d.clocks.find((c) => c.id === 'nis-reg12-dsp') as Deadlines['clocks'][number]; // 72 hours to the ICO
    expect(ico(first).remainingMs - ico(later).remainingMs).toBe(3_600_000);
    // Three days on, the clock is overdue, as a fresh derivation says.
    const overdue = await runIrpJson<Deadlines>(['deadlines'], at('2022-08-08T10:00:00+01:00'));
    expect(ico(overdue).status).toBe('overdue');

    // A record changed by hand is not taken from the index: list names the damage.
    const file = join(stateDir, 'incidents', `${id}.jsonl`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Index"', '"Edited"'));
    const list = await runIrp(['list'], at('2022-08-08T10:00:00+01:00'));
    expect(list.stdout).toContain(`${id}  DAMAGED RECORD`);
  });

  it('derives again an incident whose playbook changed since, though its record did not', async () => {
    const stateDir = tempDir();
    const playbooks = tempDir();
    for (const name of readdirSync(playbooksDir)) if (name.endsWith('.ts')) copyFileSync(join(playbooksDir, name), join(playbooks, name));
    const env = { IRP_STATE_DIR: stateDir, IRP_PLAYBOOKS_DIR: playbooks, IRP_NOW: '2022-08-04T10:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    await runIrpJson(['start', 'supplier-ransomware', '--title', 'Renamed step', '--aware-at', '07:00'], env);
    const steps = async () => (await runIrpJson<Array<{ steps: string[] }>>(['list'], env))[0]?.steps;
    expect(await steps()).toEqual(['Declare the incident']);
    expect(await steps()).toEqual(['Declare the incident']); // from the index
    const file = join(playbooks, 'supplier-ransomware.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("title: 'Declare the incident'", "title: 'Declare the cyber incident'"));
    expect(await steps()).toEqual(['Declare the cyber incident']);
  });

  it('ignores an index written by hand', async () => {
    const stateDir = tempDir();
    const env = { IRP_STATE_DIR: stateDir, IRP_NOW: '2022-08-04T10:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Honest', '--aware-at', '07:00'], env);
    await runIrp(['list'], env);
    const index = join(stateDir, '.cache', 'summaries-3.json');
    writeFileSync(index, readFileSync(index, 'utf8').replace('"Honest"', '"Forged"'));
    const listed = await runIrpJson<Array<{ id: string; title: string }>>(['list'], env);
    expect(listed).toEqual([expect.objectContaining({ id, title: 'Honest' })]);
  });
});
