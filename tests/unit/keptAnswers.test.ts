// The answers a playbook's functions gave, as kept between runs: bounded, the most recent first, and bound to the
// code they came from.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptAnswersFile } from '../../src/cache/keptAnswers.ts';
import { tempDir } from '../helpers/tempDir.ts';

const question = (n: number, pad = 0) => JSON.stringify({ fn: 0, args: { context: { n, pad: 'x'.repeat(pad) } }, params: null });

describe('kept answers', () => {
  it('keep the most recent answers within their bounds, and pass over one too long to keep', () => {
    const file = join(tempDir(), 'answers.json');
    const answers = new Map<string, string>();
    for (let n = 0; n < 3_000; n += 1) answers.set(question(n, 500), '{"value":true}');
    answers.set(question(-1), JSON.stringify({ value: 'y'.repeat(20_000) })); // the newest, and too long
    keptAnswersFile(file, 'code-a').write(answers);

    const kept = keptAnswersFile(file, 'code-a').read();
    expect(kept.has(question(-1))).toBe(false);
    expect(kept.has(question(2_999, 500))).toBe(true); // the most recent that fits
    expect(kept.has(question(0, 500))).toBe(false); // the oldest did not fit in 64 KB
    expect(kept.size).toBeGreaterThan(100);
    expect([...kept].flat().join('').length).toBeLessThanOrEqual(64 * 1024);
  });

  it('are not read for other code', () => {
    const file = join(tempDir(), 'answers.json');
    keptAnswersFile(file, 'code-a').write(new Map([[question(1), '{"value":true}']]));
    expect(keptAnswersFile(file, 'code-a').read().get(question(1))).toBe('{"value":true}');
    expect(keptAnswersFile(file, 'code-b').read().size).toBe(0);
  });
});
