import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { TZDate, tzOffset } from '@date-fns/tz';

/**
 * Times shown to people are Europe/London wall-clock times, marked BST or GMT. Every conversion between an
 * instant and London's calendar goes through `@date-fns/tz`, which reads the offset from the time-zone database
 * as a number: nothing here parses the words a particular ICU build prints (one spells September "Sept").
 */
export const LONDON = 'Europe/London';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const HOUR_MS = 3_600_000;

/** The London calendar date and wall-clock time of an instant, with the offset in force (0 for GMT, 60 for BST). */
export interface LondonTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 Sunday to 6 Saturday. */
  weekday: number;
  offsetMinutes: number;
}

export function londonTimeOf(at: Date): LondonTime {
  const offsetMinutes = offsetAt(at.getTime());
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
    offsetMinutes,
  };
}

/**
 * London's offset from UTC at an instant, in minutes, from the time-zone database. It only ever changes on the
 * hour, so it is looked up once per UTC hour: a log of 100,000 lines asks the database a few hundred times.
 */
const offsetsByHour = new Map<number, number>();
/** The hours this process asked the database about itself (not those an earlier run gave it): see londonOffsetsLookedUp. */
const lookedUp = new Map<number, number>();
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetsByHour.get(hour);
  if (offset === undefined) {
    if (offsetsByHour.size > 50_000) offsetsByHour.clear();
    offset = tzOffset(LONDON, new Date(hour * HOUR_MS));
    offsetsByHour.set(hour, offset);
    if (lookedUp.size < 50_000) lookedUp.set(hour, offset);
  }
  return offset;
}

/**
 * London's offsets that this process read from the time-zone database, UTC hour (hours since 1970) to minutes:
 * what a later run on the same database may be given (see rememberLondonOffsets) instead of asking again. The first
 * question costs a process about 20 ms while ICU loads its zone data; `irp status` asks about the same few hours
 * every time.
 */
export function londonOffsetsLookedUp(): ReadonlyMap<number, number> {
  return lookedUp;
}

/**
 * Offsets that an earlier run read from the same time-zone database (the caller makes sure of that: the CLI keeps
 * them under an HMAC bound to the database's version, src/cache/keptLondonOffsets.ts). An hour already known here
 * keeps its value, and a value that is not a whole number of minutes within a day of UTC is not taken.
 */
export function rememberLondonOffsets(offsets: Iterable<readonly [number, number]>): void {
  for (const [hour, offset] of offsets) {
    if (!Number.isSafeInteger(hour) || !Number.isInteger(offset) || Math.abs(offset) >= 24 * 60 || offsetsByHour.has(hour)) continue;
    if (offsetsByHour.size > 50_000) break;
    offsetsByHour.set(hour, offset);
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** `Thu 4 Aug 2022 07:00 BST`; with seconds when asked: `07:00:05 BST`. */
export function formatLondon(at: Date, options: { seconds?: boolean } = {}): string {
  const t = londonTimeOf(at);
  const time = `${two(t.hour)}:${two(t.minute)}${options.seconds ? `:${two(t.second)}` : ''}`;
  return `${WEEKDAYS[t.weekday]} ${t.day} ${MONTHS[t.month - 1]} ${t.year} ${time} ${zoneLabel(t.offsetMinutes)}`;
}

/** The day alone, `Thu 4 Aug 2022`, London's calendar. */
export function formatLondonDate(at: Date): string {
  const t = londonTimeOf(at);
  return `${WEEKDAYS[t.weekday]} ${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}

/**
 * The day and time without the year or the zone, `4 Aug 07:00`, for a table of many dates in one incident, under
 * a heading that says they are London time.
 */
export function formatLondonShort(at: Date): string {
  const t = londonTimeOf(at);
  return `${t.day} ${MONTHS[t.month - 1]} ${two(t.hour)}:${two(t.minute)}`;
}

/** Just the wall-clock time, `07:10 BST`, for sentences that already name the day. */
export function formatLondonClock(at: Date): string {
  const t = londonTimeOf(at);
  return `${two(t.hour)}:${two(t.minute)} ${zoneLabel(t.offsetMinutes)}`;
}

/** London is on GMT in winter and BST (GMT+1) in summer; any other offset would be a change in the law. */
function zoneLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'GMT';
  if (offsetMinutes === 60) return 'BST';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `GMT${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${two(abs % 60)}` : ''}`;
}

/** The London calendar date of an instant, for turning "09:12" into an instant. */
export function londonDateOf(at: Date): { year: number; month: number; day: number } {
  const { year, month, day } = londonTimeOf(at);
  return { year, month, day };
}

/** Days in a month of the Gregorian calendar (month 1 to 12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Why a calendar date cannot be read, or `undefined` when it exists: the one check of every date a person types
 * (times and due dates alike), made by date-fns's strict parse, with the reason in words.
 */
export function impossibleDate(year: number, month: number, day: number): string | undefined {
  const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
  if (isValid(parse(text, 'yyyy-MM-dd', new Date(0)))) return undefined;
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/**
 * The instant at which London wall-clock time reads the given date and time. Around the autumn change the
 * earlier (BST) reading of the repeated hour is taken; a time skipped in spring (01:00–01:59) moves forward an
 * hour, to the BST time it would have been. The date must exist (see `impossibleDate`).
 */
export function londonInstant(year: number, month: number, day: number, hour: number, minute: number, second = 0): Date {
  const problem = impossibleDate(year, month, day);
  if (problem) throw new RangeError(`${year}-${two(month)}-${two(day)} is not a date: ${problem}`);
  const instant = TZDate.tz(LONDON, year, month - 1, day, hour, minute, second).getTime();
  // In the repeated hour the library gives the GMT reading; the BST reading an hour earlier reads the same.
  const earlier = londonTimeOf(new Date(instant - HOUR_MS));
  if (earlier.day === day && earlier.hour === hour && earlier.minute === minute && earlier.second === second) {
    return new Date(instant - HOUR_MS);
  }
  return new Date(instant);
}
