// A quick pass of the reliability suite inside `npm test`; `npm run torture` runs it all with larger counts.
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, makeFixture, runBadInputs } from './badInputs.ts';
import { concurrentRun, killRuns } from './faults.ts';
import { cleanUpScratch } from './scratch.ts';
import { tamperEveryLine } from './tamper.ts';

afterAll(() => cleanUpScratch());

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('reliability, quickly', () => {
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

  it('detects every kind of tampering on every line (cut short and rewritten: against the anchors)', async () => {
    const results = await tamperEveryLine();
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(10);
    for (const [kind, tally] of Object.entries(results)) {
      expect(tally.tampered, kind).toBeGreaterThan(5);
      expect(tally.undetected, kind).toEqual([]);
    }
  });

  it('answers a sample of the bad inputs (one in every eight) with exit 2, a named cause, and no change', async () => {
    const sample = BAD_INPUTS.filter((bad, index) => index % 8 === 0 && !bad.slow);
    const results = await runBadInputs(sample, makeFixture());
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(120);
  });
});
