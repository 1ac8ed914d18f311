import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { cliArgs, walkthrough as script } from '../helpers/walkthrough.ts';

describe('the seed playbook from the command line', () => {
  it('reaches the end with irp step and irp check alone, and the record verifies', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'test'], env);
    for (const entry of script) {
      const result = await runIrp(cliArgs(entry, id), env);
      expect(result.stderr, `irp ${entry.join(' ')}`).toBe('');
      expect(result.code).toBe(0);
    }
    expect((await runIrpJson<{ finished: boolean }>(['status', id], env)).finished).toBe(true);
    expect((await runIrp(['verify', id], env)).code).toBe(0);
    expect(await runIrp(['step', id, 'CLOSE', '--rationale', 'As the playbook advises, on what was known'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('is finished') });
  });
});
