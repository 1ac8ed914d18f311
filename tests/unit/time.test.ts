import { describe, expect, it } from 'vitest';
import { formatLondon } from '../../src/time/london.ts';
import { durationMs, parseTime } from '../../src/input/parseTime.ts';

const now = new Date('2022-08-04T08:30:00Z'); // 09:30 BST

describe('parseTime', () => {
  it.each([
    ['now', '2022-08-04T08:30:00.000Z'],
    ['09:12', '2022-08-04T08:12:00.000Z'],
    ['-15m', '2022-08-04T08:15:00.000Z'],
    ['-1h30m', '2022-08-04T07:00:00.000Z'],
    ['-1d', '2022-08-03T08:30:00.000Z'],
    ['2022-08-04 07:00', '2022-08-04T06:00:00.000Z'],
    ['2022-08-04T07:00', '2022-08-04T06:00:00.000Z'],
    ['2022-08-04T07:00:00+01:00', '2022-08-04T06:00:00.000Z'],
    ['2022-08-04T06:00:00Z', '2022-08-04T06:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(parseTime(text, now, '--at').toISOString()).toBe(expected);
  });

  it('reads London wall-clock time as GMT in winter', () => {
    const winter = new Date('2024-12-01T12:00:00Z');
    expect(parseTime('2024-11-30 09:00', winter, '--at').toISOString()).toBe('2024-11-30T09:00:00.000Z');
  });

  it.each(['yesterday', '25:00', '09:61', '2022-08-04 24:00', '', '-', '7am'])('refuses %j with the accepted forms', (text) => {
    expect(() => parseTime(text, now, '--at')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'invalid-input', input: '--at', kind: expect.stringMatching(/^not-a-(time|date)$/) }) }));
  });

  it('refuses a time in the future', () => {
    expect(() => parseTime('23:00', now, '--at')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'invalid-input', input: '--at', kind: 'in-the-future' }) }));
  });

  it('adds up durations', () => {
    expect(durationMs('1d2h')).toBe(26 * 3_600_000);
    expect(durationMs('45m')).toBe(45 * 60_000);
  });
});

describe('formatLondon', () => {
  it('marks summer time BST and winter time GMT, on both sides of each change', () => {
    expect(formatLondon(new Date('2022-08-04T06:00:00Z'))).toBe('Thu 4 Aug 2022 07:00 BST');
    expect(formatLondon(new Date('2024-10-27T00:59:00Z'))).toBe('Sun 27 Oct 2024 01:59 BST');
    expect(formatLondon(new Date('2024-10-27T01:00:00Z'))).toBe('Sun 27 Oct 2024 01:00 GMT');
    expect(formatLondon(new Date('2025-03-30T00:59:00Z'))).toBe('Sun 30 Mar 2025 00:59 GMT');
    expect(formatLondon(new Date('2025-03-30T01:00:00Z'))).toBe('Sun 30 Mar 2025 02:00 BST');
  });
});
