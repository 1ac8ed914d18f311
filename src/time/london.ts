/** Times shown to people are Europe/London wall-clock times, marked BST or GMT. */
export const LONDON = 'Europe/London';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function londonParts(at: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parts.formatToParts(at)) out[part.type] = part.value;
  return out;
}

/** `Thu 4 Aug 2022 07:00 BST`; with seconds when asked: `07:00:05 BST`. */
export function formatLondon(at: Date, options: { seconds?: boolean } = {}): string {
  const p = londonParts(at);
  const time = options.seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.weekday} ${p.day} ${p.month} ${p.year} ${time} ${zoneLabel(p.timeZoneName)}`;
}

/** The London calendar date and offset of an instant, for turning "09:12" into an instant. */
export function londonDateOf(at: Date): { year: number; month: number; day: number } {
  const p = londonParts(at);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return { year: Number(p.year), month: months.indexOf(p.month ?? '') + 1, day: Number(p.day) };
}

/** Intl spells winter time "GMT" and summer time "BST" in en-GB; anything else (another zone) is passed on. */
function zoneLabel(name: string | undefined): string {
  if (name === 'GMT' || name === 'UTC') return 'GMT';
  return name ?? '';
}

/**
 * The instant at which London wall-clock time reads the given date and time. Around the autumn change the
 * earlier (BST) reading of an ambiguous hour is taken; a time skipped in spring moves forward an hour.
 */
export function londonInstant(year: number, month: number, day: number, hour: number, minute: number, second = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // London is UTC or UTC+1: try the BST reading first, then GMT.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const p = londonParts(candidate);
    if (Number(p.hour) === hour && Number(p.minute) === minute && Number(p.day) === day) return candidate;
  }
  return new Date(asUtc - 0);
}
