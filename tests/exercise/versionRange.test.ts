import { describe, expect, it } from 'vitest';
import { isVersionRange, satisfies } from '../../src/exercise/versionRange.ts';

describe('playbook version ranges in scenarios', () => {
  it.each([
    ['1.1.0', '^1.1.0', true],
    ['1.9.3', '^1.1.0', true],
    ['2.0.0', '^1.1.0', false],
    ['1.0.9', '^1.1.0', false],
    ['0.2.5', '^0.2.1', true],
    ['0.3.0', '^0.2.1', false],
    ['1.1.7', '~1.1.0', true],
    ['1.2.0', '~1.1.0', false],
    ['1.1.0', '1.1.0', true],
    ['1.1.1', '1.1.0', false],
    ['3.0.0', '>=1.1.0', true],
    ['7.7.7', '*', true],
  ])('%s against %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('tells a range from nonsense', () => {
    expect(isVersionRange('^1.2.3')).toBe(true);
    expect(isVersionRange('one')).toBe(false);
    expect(isVersionRange('^1.2')).toBe(false);
  });
});
