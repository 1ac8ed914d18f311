// The bench's long exercise is made of answers irp must still take: a small one is replayed here, so that a change
// to the playbooks that the fixture no longer fits is caught by npm test, not only when npm run bench is next run.
import { describe, expect, it } from 'vitest';
import { writeLargeExercise } from '../bench/exerciseFixture.ts';
import { runIrp } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('the bench exercise fixture', () => {
  it('replays to the end of its answers', async () => {
    const dir = tempDir();
    const { scenario, answers } = writeLargeExercise(dir, 5, 40);
    const result = await runIrp(['exercise', 'replay', scenario, '--answers', answers, '--json'], { IRP_STATE_DIR: tempDir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
