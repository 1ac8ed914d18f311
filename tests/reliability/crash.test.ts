// A quick pass of the reliability suite's crash faults inside `npm test`: real processes killed and racing.
// `npm run torture` runs the same with larger counts.
import { afterAll, describe, expect, it } from 'vitest';
import { concurrentRun, killRuns } from './faults.ts';
import { cleanUpScratch } from './scratch.ts';

afterAll(() => cleanUpScratch());

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('reliability under crashes, quickly', () => {
  it('loses no acknowledged append when writers are killed at random moments', async () => {
    const tally = await killRuns('api', 6, random);
    expect(tally.acknowledged).toBeGreaterThan(6);
    expect(tally).toMatchObject({ lost: 0, duplicated: 0, unreadable: 0, forks: 0 });
  });

  it('keeps every append of two writers, a dying lock holder and a killed writer in one chain', async () => {
    const tally = await concurrentRun(2, 40);
    expect(tally).toMatchObject({ lost: 0, duplicated: 0, unreadable: 0, forks: 0, writerFailures: 0 });
    expect(tally.acknowledged).toBeGreaterThanOrEqual(80);
  });
});
