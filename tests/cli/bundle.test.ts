// Smoke tests of the built executable as a child process, as a user's shell runs it: the contract tests of the
// commands run in process (runIrp); these check what only the bundle and a real process show: that it starts,
// that its streams and exit codes are the ones the in-process runs report, and that the commands file loads.
import { describe, expect, it } from 'vitest';
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
});
