import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('log and verify read the record a chunk at a time', () => {
  it('prints the stored events as one JSON array, and the head after the human log', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Stream', '--aware-at', '07:00'], env);
    for (const text of ['one', 'two', 'three']) await runIrpOk(['note', id, text], env);
    const stored = readFileSync(join(env.IRP_STATE_DIR, 'incidents', `${id}.jsonl`), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const printed = await runIrpJson<unknown[]>(['log', id], env);
    expect(printed).toEqual(stored);
    const human = (await runIrpOk(['log', id], env)).stdout;
    expect(human).toMatch(/^#1 {2}Thu 4 Aug 2022 09:30:00 BST {2}Sam Patel/);
    expect(human).toContain(`Head: 4:${stored[3].hash}`);
    expect((await runIrp(['log', 'inc-20990101-none'], env))).toMatchObject({ code: 2, stderr: expect.stringContaining('There is no incident inc-20990101-none') });
  });

  it('prints a log longer than one write whole, with no line cut or doubled where the writes meet', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Long', '--aware-at', '07:00'], env);
    for (const word of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) await runIrpOk(['note', id, `${word} `.repeat(2_400).trim()], env);
    const stored = readFileSync(join(env.IRP_STATE_DIR, 'incidents', `${id}.jsonl`), 'utf8').trim().split('\n');
    const json = (await runIrpOk(['log', id, '--json'], env)).stdout;
    expect(json.length).toBeGreaterThan(64 * 1024);
    expect(json).toBe(`[\n${stored.join(',\n')}\n]\n`);
    const human = (await runIrpOk(['log', id], env)).stdout;
    expect(human.length).toBeGreaterThan(64 * 1024);
    expect(human.match(/^#\d+ {2}/gm)).toHaveLength(6);
    expect(human.split('\n\n')).toHaveLength(2); // the one blank line is the one before the head
    expect(human.split('\n\n')[1]).toMatch(/^Head: 6:/);
  });

  it('verify --quick checks in full only what is new, and still finds an earlier line changed by hand', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Quick', '--aware-at', '07:00'], env);
    await runIrpOk(['note', id, 'the original note'], env);
    await runIrpOk(['verify', id], env);
    await runIrpOk(['note', id, 'a later note'], env);
    const quick = await runIrpOk(['verify', id, '--quick'], env);
    expect(quick.stdout).toContain('the chain is intact. 3 events');
    expect(quick.stdout).toContain('Quick check');
    const file = join(env.IRP_STATE_DIR, 'incidents', `${id}.jsonl`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('the original note', 'the altered note'));
    const caught = await runIrp(['verify', id, '--quick'], env);
    expect(caught.code).toBe(2);
    expect(caught.stderr).toContain('NOT INTACT. Event 2 (line 2)');
  });
});
