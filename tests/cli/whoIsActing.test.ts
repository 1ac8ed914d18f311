// One notion of who is acting, shared by the runner and every command: --actor, IRP_ACTOR, the remembered name,
// the login; and hints printed in the form the user's shell accepts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invocation } from '../../src/cli/invocation.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

async function opened(env: Record<string, string>): Promise<string> {
  return (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware', '--aware-at', '07:00'], env)).id;
}

describe('who is acting', () => {
  it('records the name the runner remembered, unless --actor or IRP_ACTOR says otherwise', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00' };
    writeFileSync(join(env.IRP_STATE_DIR, 'settings.json'), JSON.stringify({ name: 'Sam Patel', role: 'incident-commander' }));
    const id = await opened(env);
    const remembered = await runIrp(['note', id, 'Bridge open'], env);
    expect(remembered.code).toBe(0);
    expect(remembered.stdout).toContain('Sam Patel (Incident commander)  note:');
    expect((await runIrp(['note', id, 'From the environment'], { ...env, IRP_ACTOR: 'Jo Li' })).stdout).toContain('Jo Li (Incident commander)');
    const flagged = await runIrp(['note', id, 'From the flag', '--actor', 'Alex Moore'], { ...env, IRP_ACTOR: 'Jo Li' });
    expect(flagged.stdout).toContain('Alex Moore (Incident commander)');
  });

  it('falls back to the login name when nothing else says who you are, and ignores a damaged settings file', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00' };
    writeFileSync(join(env.IRP_STATE_DIR, 'settings.json'), '{"name": 4');
    const id = await opened(env);
    const { userInfo } = await import('node:os');
    expect((await runIrp(['note', id, 'x'], env)).stdout).toContain(`${userInfo().username} (Incident commander)`);
  });
});

describe('commands suggested to the user', () => {
  it('are written the way the user started irp', () => {
    expect(invocation({})('run inc-1')).toBe('irp run inc-1');
    expect(invocation({ npm_lifecycle_event: 'start', npm_package_name: 'irp' })('run inc-1')).toBe('npm start -- run inc-1');
    expect(invocation({ npm_lifecycle_event: 'start', npm_package_name: 'irp' })('')).toBe('npm start');
    expect(invocation({ npm_command: 'exec' })('status inc-1')).toBe('npx irp status inc-1');
  });

  it('say how to go on after an answers file, in that form', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel', npm_command: 'exec' };
    const id = await opened(env);
    const answers = join(tempDir(), 'answers.yaml');
    writeFileSync(answers, 'steps:\n  - note: Bridge open\n');
    expect((await runIrp(['run', id, '--answers', answers], env)).stdout).toContain(`Next: npx irp status ${id}`);
  });
});
