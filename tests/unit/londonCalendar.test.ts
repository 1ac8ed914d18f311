import { describe, expect, it } from 'vitest';
import { formatLondon, londonInstant, londonTimeOf } from '../../src/time/london.ts';
import { parseTime } from '../../src/input/parseTime.ts';

// The reference is the rule itself, not any ICU build: UK summer time runs from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002).
const lastSundayUtc = (year: number, month: number): number => {
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
};
const bstOffsetMinutes = (ms: number): number => {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayUtc(year, 3) && ms < lastSundayUtc(year, 10) ? 60 : 0;
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const YEARS = Array.from({ length: 12 }, (_, i) => 2020 + i);

describe('the London calendar, every day of 2020–2031', () => {
  it('turns each day at 07:00, 12:00 and 23:59 into the right instant and back', () => {
    let days = 0;
    const wrong: string[] = [];
    const check = (what: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    for (const year of YEARS) {
      for (let month = 1; month <= 12; month += 1) {
        const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
        for (let day = 1; day <= length; day += 1) {
          for (const [hour, minute] of [[7, 0], [12, 0], [23, 59]] as const) {
            const wall = Date.UTC(year, month - 1, day, hour, minute);
            const expected = wall - bstOffsetMinutes(wall - 60 * 60_000) * 60_000;
            const at = londonInstant(year, month, day, hour, minute);
            const what = `${year}-${month}-${day} ${hour}:${minute}`;
            check(what, at.getTime(), expected);
            const t = londonTimeOf(at);
            check(what, [t.year, t.month, t.day, t.hour, t.minute], [year, month, day, hour, minute]);
            const zone = bstOffsetMinutes(expected) === 60 ? 'BST' : 'GMT';
            const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
            const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
            check(what, formatLondon(at), `${weekday} ${day} ${MONTHS[month - 1]} ${year} ${hhmm} ${zone}`);
          }
          // "09:12" typed on that day means 09:12 that day, whatever the month is called.
          const noon = londonInstant(year, month, day, 12, 0);
          const typed = parseTime('09:12', noon, '--at');
          const t = londonTimeOf(typed);
          check(`09:12 on ${year}-${month}-${day}`, [t.year, t.month, t.day, t.hour, t.minute], [year, month, day, 9, 12]);
          days += 1;
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(days).toBe(4383);
  });

  it('records --aware-at 09:12 typed in September on that September day (it used to give December)', () => {
    const now = new Date('2025-09-10T10:00:00Z');
    expect(parseTime('09:12', now, '--aware-at').toISOString()).toBe('2025-09-10T08:12:00.000Z');
    expect(formatLondon(now)).toBe('Wed 10 Sep 2025 11:00 BST');
  });
});

describe('the clock changes of 2020–2031', () => {
  for (const year of YEARS) {
    const spring = lastSundayUtc(year, 3);
    const autumn = lastSundayUtc(year, 10);
    const springDay = new Date(spring).getUTCDate();
    const autumnDay = new Date(autumn).getUTCDate();

    it(`${year}: spring forward on ${springDay} March, fall back on ${autumnDay} October`, () => {
      // Spring: 00:59 GMT is followed by 02:00 BST; 01:30 does not exist and moves forward an hour.
      expect(formatLondon(new Date(spring - 60_000))).toMatch(/ 00:59 GMT$/);
      expect(formatLondon(new Date(spring))).toMatch(/ 02:00 BST$/);
      expect(londonInstant(year, 3, springDay, 1, 30).getTime()).toBe(spring + 30 * 60_000);
      expect(londonInstant(year, 3, springDay, 2, 0).getTime()).toBe(spring);
      // Autumn: 01:00–01:59 happens twice; the first (BST) reading is taken, as the README says.
      expect(formatLondon(new Date(autumn - 60_000))).toMatch(/ 01:59 BST$/);
      expect(formatLondon(new Date(autumn))).toMatch(/ 01:00 GMT$/);
      expect(londonInstant(year, 10, autumnDay, 1, 30).getTime()).toBe(autumn - 30 * 60_000);
      expect(londonInstant(year, 10, autumnDay, 2, 0).getTime()).toBe(autumn + 60 * 60_000);
      expect(londonInstant(year, 10, autumnDay, 0, 59).getTime()).toBe(autumn - 2 * 60 * 60_000 + 59 * 60_000);
    });
  }
});

describe('impossible dates', () => {
  it.each([
    ['2022-02-30 07:00', 'Feb 2022 has 28 days'],
    ['2024-02-30 07:00', 'Feb 2024 has 29 days'],
    ['2023-02-29', 'Feb 2023 has 28 days'],
    ['2022-04-31 09:00', 'Apr 2022 has 30 days'],
    ['2022-13-01 07:00', 'there is no month 13'],
    ['2022-00-10 07:00', 'there is no month 0'],
    ['2022-08-00 07:00', 'Aug 2022 has 31 days'],
    ['2022-02-30T07:00:00Z', 'Feb 2022 has 28 days'],
  ])('refuses %s, saying why', (text, why) => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(() => parseTime(text, now, '--at')).toThrow(`--at "${text}" is not a date: ${why}.`);
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseTime('2024-02-29 07:00', new Date('2025-01-01T00:00:00Z'), '--at').toISOString()).toBe('2024-02-29T07:00:00.000Z');
  });
});
