// Issue 9, item by item where the torture corpus does not already say it: caches that cannot lie, cut-off writes
// made visible, modes whatever the umask, a file-size limit, concurrent first compiles, terminal escapes, Markdown
// injection, and a playbook that never finishes loading.
import type { FoldCheckpoint } from '../../src/engine/foldCheckpoint.ts';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { FileCheckpointCache } from '../../src/cache/checkpointCache.ts';
import { checkpointOf, foldFromCheckpoint } from '../../src/engine/foldCheckpoint.ts';
import { foldEvents } from '../../src/engine/deriveIncident.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { builtCli, playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const NOW = '2022-08-04T10:00:00+01:00';

async function incident(extra: Record<string, string> = {}) {
  const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel', ...extra };
  const id = (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Hardening', '--aware-at', '09:50'], env)).id;
  return { env, id, record: join(env.IRP_STATE_DIR, 'incidents', `${id}.jsonl`) };
}

describe('caches only speed up what the record gives anyway', () => {
  it('ignores a hand-made checkpoint that jumps to the review step, and a "verified" entry over an edited note', async () => {
    const { env, id, record } = await incident();
    await runIrp(['note', id, 'the original note'], env);
    await runIrp(['status', id], env);
    const stateDir = env.IRP_STATE_DIR;
    const playbook = await new PlaybookCatalog(playbooksDir, join(stateDir, '.cache', 'playbooks')).load('supplier-ransomware');
    const events = (await new FileIncidentStore(stateDir).read(id)) ?? [];
    // A forger who can write to the state folder builds a checkpoint naming the record's real last hash.
    const forged = { ...checkpointOf(foldEvents(playbook, events)), value: 'review' };
    mkdirSync(join(stateDir, '.cache', 'derived'), { recursive: true });
    writeFileSync(join(stateDir, '.cache', 'derived', `${id}.json`), JSON.stringify({ checkpoint: forged, mac: 'f'.repeat(64) }));
    expect(new FileCheckpointCache<FoldCheckpoint>(join(stateDir, '.cache', 'derived')).get(id)).toBeUndefined();
    expect(foldFromCheckpoint(playbook, events, forged)?.snapshot.value).toBe('review'); // what a trusted cache would have done
    const status = await runIrpJson<{ steps: Array<{ path: string }> }>(['status', id], env);
    expect(status.steps.map((s) => s.path)).toEqual(['declare']);
    expect((await runIrp(['step', id, 'CLOSE', '--rationale', 'As the playbook advises, on what was known'], env)).code).toBe(2);

    // Edit the note, and recompute the verified-prefix entry as a forger would (without the key).
    const edited = readFileSync(record, 'utf8').replace('the original note', 'a forged note!!!!');
    writeFileSync(record, edited);
    const { createHash } = await import('node:crypto');
    const bytes = Buffer.from(edited);
    writeFileSync(
      join(stateDir, '.cache', 'verified', `${id}.json`),
      JSON.stringify({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), count: 2, mac: '0'.repeat(64) }),
    );
    const log = await runIrp(['log', id], env);
    expect(log.code).toBe(2);
    expect(log.stderr).toContain('does not match its hash');
  });

  it('rebuilds an unusable cache: .cache as a plain file, garbage as the compiled playbook', async () => {
    const { env, id } = await incident();
    const cacheDir = join(env.IRP_STATE_DIR, '.cache', 'playbooks');
    for (const name of readdirSync(cacheDir).filter((n) => n.endsWith('.cjs'))) writeFileSync(join(cacheDir, name), 'globalThis.pwned = true; throw new Error("garbage")');
    expect((await runIrp(['status', id], env)).code).toBe(0);
    const plain = await incident();
    const cache = join(plain.env.IRP_STATE_DIR, '.cache');
    spawnSync('rm', ['-rf', cache]);
    writeFileSync(cache, 'not a folder');
    expect(await runIrp(['note', plain.id, 'still works'], plain.env)).toMatchObject({ code: 0 });
    expect((await runIrp(['status', plain.id], plain.env)).code).toBe(0);
  });

  it('compiles a playbook in four processes at once, the first time, without a failure', async () => {
    const playbooks = join(tempDir(), 'playbooks');
    cpSync(playbooksDir, playbooks, { recursive: true });
    const stateDir = tempDir();
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [builtCli, 'start', 'supplier-ransomware', '--title', 't', '--actor', 'A'], {
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', IRP_STATE_DIR: stateDir, IRP_PLAYBOOKS_DIR: playbooks },
            stdio: 'ignore',
          });
          child.on('exit', resolve);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);
    expect(readdirSync(join(stateDir, '.cache', 'playbooks')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the record on disk', () => {
  it('shows a cut-off write and the files earlier ones were set aside in', async () => {
    const { env, id, record } = await incident();
    appendFileSync(record, '{"seq":2,"incident":"x","ki');
    const verify = await runIrp(['verify', id], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('27 bytes after the last complete entry are a write cut off before it was acknowledged');
    await runIrp(['note', id, 'after the crash'], env);
    expect((await runIrp(['verify', id], env)).stdout).toContain(`an earlier cut-off write was set aside in ${record}.torn-`);
  });

  it('creates the state folder 0700 and records 0600 whatever the umask', async () => {
    const stateDir = join(tempDir(), 'state');
    const result = spawnSync('sh', ['-c', `umask 000; exec "${process.execPath}" "${builtCli}" start supplier-ransomware --title t --actor A --json`], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', IRP_STATE_DIR: stateDir },
      encoding: 'utf8',
    });
    const id = (JSON.parse(result.stdout) as { id: string }).id;
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'incidents')).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'incidents', `${id}.jsonl`)).mode & 0o777).toBe(0o600);
    expect(statSync(join(stateDir, 'incidents', `${id}.jsonl.lock`)).mode & 0o777).toBe(0o600);
  });

  it('never acknowledges a write cut short by a file-size limit, and leaves the record as it was', async () => {
    const { env, id, record } = await incident();
    const before = readFileSync(record);
    const result = spawnSync('sh', ['-c', `ulimit -f 2; exec "${process.execPath}" "${builtCli}" note ${id} "$NOTE"`], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env, NOTE: 'x'.repeat(4_000) },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Cannot write to ${record}`);
    expect(result.stderr).toContain('(EFBIG)');
    expect(readFileSync(record)).toEqual(before);
  });
});

describe('hostile text', () => {
  const hostile = 'Bridge\u001b]0;pwned\u0007 open\u001b[2J\r\u202e';

  it('makes control characters visible in every listing instead of sending them to the terminal', async () => {
    const { env, id } = await incident({ IRP_ACTOR: `Eve\u001b[31m` });
    await runIrp(['note', id, hostile], env);
    for (const args of [['log', id], ['status', id], ['list'], ['notify', id, 'controllers', '--include-notes'], ['exercise', 'report', id]]) {
      const { code, stdout } = await runIrp(args, env);
      expect(code, args.join(' ')).toBe(0);
      if (args[0] !== 'status' && args[0] !== 'list') expect(stdout, args.join(' ')).toContain('Bridge'); // the hostile note is shown
      expect(stdout, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    expect((await runIrp(['log', id], env)).stdout).toContain('Bridge\\u001b]0;pwned\\u0007 open\\u001b[2J\\u000d\\u202e'); // a carriage return is shown, not obeyed
  });

  it('escapes recorded text in Markdown reports and drafts, and the HTML report carries a content security policy', async () => {
    const { env, id } = await incident();
    const attack = 'ok\n# Forged heading\n<script>alert(1)</script> [click](javascript:alert(1)) ![](http://127.0.0.1/beacon.png) | cell';
    await runIrp(['note', id, attack], env);
    const md = (await runIrp(['exercise', 'report', id], env)).stdout;
    expect(md).not.toMatch(/^# Forged heading/m);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('[click](javascript:');
    expect(md).not.toContain('![](http');
    expect(md).toContain('\\<script\\>');
    const draft = (await runIrp(['notify', id, 'controllers', '--include-notes'], env)).stdout;
    expect(draft).toContain('\\<script\\>'); // the note is there, escaped
    expect(draft).not.toMatch(/^# Forged heading/m);
    expect(draft).not.toContain('<script>');
    const html = (await runIrp(['exercise', 'report', id, '--format', 'html'], env)).stdout;
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});

describe('playbooks are code, kept within bounds', () => {
  it('stops a playbook whose loading never ends, with a clear message', async () => {
    const dir = tempDir();
    cpSync(join(playbooksDir, '_uk-clocks.ts'), join(dir, '_uk-clocks.ts'));
    cpSync(join(playbooksDir, '_uk-settings.ts'), join(dir, '_uk-settings.ts'));
    cpSync(join(playbooksDir, '_provider-reports.ts'), join(dir, '_provider-reports.ts'));
    writeFileSync(join(dir, 'loop.ts'), `while (true) {}\nexport default {};\n`);
    const catalog = new PlaybookCatalog(dir, join(tempDir(), 'cache'), { loadMs: 200, callMs: 200 });
    await expect(catalog.load('loop')).rejects.toMatchObject({ problem: { code: 'playbook-unusable', file: expect.stringMatching(/loop\.ts$/), why: { kind: 'load-budget', seconds: 0.2, memoryMb: 96 } } });
    const irp = new Irp({ store: new FileIncidentStore(tempDir()), catalog, clock: fixedClock(new Date(NOW)) });
    await expect(irp.start({ playbook: 'loop', title: 't', actor: { name: 'A' } })).rejects.toMatchObject({ problem: { code: 'playbook-unusable', why: { kind: 'load-budget', seconds: 0.2 } } });
  });
});
