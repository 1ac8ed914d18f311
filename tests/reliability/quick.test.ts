// A quick pass of the reliability suite's inputs inside `npm test` (its crash half is crash.test.ts, so that the two
// run side by side); `npm run torture` runs it all, with larger counts, through the built CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, makeFixture, runBadInputs } from './badInputs.ts';
import { cleanUpScratch } from './scratch.ts';
import { tamperEveryLine } from './tamper.ts';

afterAll(() => cleanUpScratch());

describe('reliability of what irp reads, quickly', () => {
  it('detects every kind of tampering on every line (cut short and rewritten: against the anchors)', async () => {
    const results = await tamperEveryLine();
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(10);
    for (const [kind, tally] of Object.entries(results)) {
      expect(tally.tampered, kind).toBeGreaterThan(5);
      expect(tally.undetected, kind).toEqual([]);
    }
  });

  it('answers a sample of the bad inputs (one in every three), in process, with exit 2, a named cause, and no change', async () => {
    const sample = BAD_INPUTS.filter((bad, index) => index % 3 === 0 && !bad.slow);
    const results = await runBadInputs(sample, await makeFixture(), 'in-process');
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(40);
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(120);
  });

  it('answers a few bad inputs through the built CLI the same way', async () => {
    const sample = BAD_INPUTS.filter((bad, index) => index % 25 === 1 && !bad.slow);
    const results = await runBadInputs(sample, await makeFixture(), 'built');
    expect(results.filter((result) => !result.ok)).toEqual([]);
  });
});
