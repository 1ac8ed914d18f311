import { invalidInput } from '../errors.ts';
import { impossibleDate, londonDateOf, londonInstant } from '../time/london.ts';
import { FUTURE_TOLERANCE_MS } from '../time/clock.ts';

const RELATIVE = /^-\s*((?:\d+\s*[dhms]\s*)+)$/i;
const CLOCK_TIME = /^(\d{1,2}):(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;


/**
 * Reads a time as a commander types it: `now`, `09:12` (today, London time), `-15m` / `-1h30m` / `-2d`, or a date
 * and time (`2022-08-04 07:00` London time, or ISO 8601 with `Z` or an offset). Times in the future are refused,
 * since they record something that has not happened yet.
 *
 * @param what names the argument in the error message, for example `--at`.
 */
export function parseTime(text: string, now: Date, what: string, options: { allowFuture?: boolean } = {}): Date {
  const input = text.trim();
  const impossible = impossibleDateIn(input);
  if (impossible) throw invalidInput(what, 'not-a-date', `${what} "${text}" is not a date: ${impossible}.`);
  const at = readTime(input, now);
  if (at === undefined || Number.isNaN(at.getTime())) {
    throw invalidInput(what, 'not-a-time', `${what} "${text}" is not a time I can read. Use now, 09:12, -15m, 2022-08-04 07:00 or 2022-08-04T07:00:00+01:00.`,);
  }
  if (!options.allowFuture && at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw invalidInput(what, 'in-the-future', `${what} "${text}" is in the future; give the time at which it happened.`);
  }
  return at;
}

function readTime(input: string, now: Date): Date | undefined {
  if (/^now$/i.test(input)) return now;
  const relative = RELATIVE.exec(input);
  if (relative) return new Date(now.getTime() - durationMs(relative[1] ?? ''));
  const clock = CLOCK_TIME.exec(input);
  if (clock) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    if (hour > 23 || minute > 59) return undefined;
    const { year, month, day } = londonDateOf(now);
    return londonInstant(year, month, day, hour, minute);
  }
  const full = DATE_TIME.exec(input);
  if (full) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = full;
    const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
    if (fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return undefined;
    if (zone) return new Date(input.replace(' ', 'T'));
    return londonInstant(...fields);
  }
  return undefined;
}

/** `2022-02-30` names no day: say so rather than let the calendar roll it over to 2 March. */
function impossibleDateIn(input: string): string | undefined {
  const full = DATE_TIME.exec(input);
  if (!full) return undefined;
  return impossibleDate(Number(full[1]), Number(full[2]), Number(full[3]));
}

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

/** `1d2h`, `45m`, `90s` as milliseconds. */
export function durationMs(text: string): number {
  let total = 0;
  for (const match of text.matchAll(/(\d+)\s*([dhms])/gi)) {
    total += Number(match[1]) * (UNIT_MS[(match[2] ?? '').toLowerCase()] ?? 0);
  }
  return total;
}
