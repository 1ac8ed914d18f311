// Smoke tests of the built executable as a child process, as a user's shell runs it: the contract tests of the
// commands run in process (runIrp); these check what only the bundle and a real process show: that it starts,
// that its streams and exit codes are the ones the in-process runs report, and that the commands file loads.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/paths.ts';
import { runBuiltIrp, runBuiltIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('the built irp, as a process', () => {
  it('prints help on stdout and exits 0', () => {
    const help = runBuiltIrp(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: irp/);
    expect(help.stderr).toBe('');
  });

  it('opens, records, shows and verifies an incident, and answers a mistake with exit 2 and one line', () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = runBuiltIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Smoke', '--aware-at', '07:00'], env);
    expect(runBuiltIrp(['note', id, 'Bridge open'], env)).toMatchObject({ code: 0, stderr: '' });
    const status = runBuiltIrp(['status', id], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Declare the incident');
    expect(runBuiltIrp(['verify', id], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('the chain is intact') });
    const refused = runBuiltIrp(['step', id, 'NO_SUCH_EVENT'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^irp: NO_SUCH_EVENT is not a decision of playbook supplier-ransomware/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(runBuiltIrp(['frobnicate'], env).code).toBe(2);
  });

  it('keeps a V8 code cache beside the shell and the commands, takes it on later starts, and starts without it or past a damaged one', () => {
    // A copy of the three files of the built CLI, without their caches.
    const dist = tempDir();
    for (const name of ['irp.cjs', 'irp-shell.cjs', 'irp-commands.cjs']) copyFileSync(join(dirname(builtCli), name), join(dist, name));
    const caches = ['irp-shell.cjs.v8cache', 'irp-commands.cjs.v8cache'].map((name) => join(dist, name));
    const list = () => {
      const run = spawnSync(process.execPath, [join(dist, 'irp.cjs'), 'list', '--state-dir', join(dist, 'state')], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dist, IRP_CACHE_KEY_FILE: join(dist, 'cache.key') } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return run.stdout;
    };
    const first = list();
    expect(first).toMatch(/no incidents/i);
    for (const cache of caches) expect(existsSync(cache), cache).toBe(true);

    // Taken as it is: a cache V8 accepts is not written again.
    const long = new Date('2020-01-01T00:00:00Z');
    for (const cache of caches) utimesSync(cache, long, long);
    expect(list()).toBe(first);
    for (const cache of caches) expect(statSync(cache).mtime.getTime(), cache).toBe(long.getTime());

    // Damaged: the files are compiled as usual, and a good cache written in its place.
    for (const cache of caches) writeFileSync(cache, 'not a code cache');
    expect(list()).toBe(first);
    for (const cache of caches) expect(readFileSync(cache).length, cache).toBeGreaterThan(10_000);
  });
});
