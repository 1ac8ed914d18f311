import { formatSpan } from '../time/duration.ts';
import { parseTime } from '../input/parseTime.ts';
import type { RunnerIo } from './runnerIo.ts';

/**
 * Asks when something happened, in any form `parseTime` reads, checked as it is typed. Enter alone means now,
 * returned as `undefined` so that the record takes the clock's time. A time more than the incident's margin ago
 * needs a reason, asked for at once (it is kept in the record with the entry).
 */
export async function askTime(
  io: RunnerIo,
  key: string,
  message: string,
  marginMs: number,
): Promise<{ at: Date | undefined; reason: string | undefined }> {
  const text = await io.prompter.input({
    key,
    message: `${message} (now, 09:12, -15m or 2022-08-04 07:00)`,
    default: 'now',
    validate: (typed) => {
      try {
        parseTime(typed, io.clock.now(), 'The time');
        return true;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  if (/^\s*now\s*$/i.test(text)) return { at: undefined, reason: undefined };
  const now = io.clock.now();
  const at = parseTime(text, now, 'The time');
  if (now.getTime() - at.getTime() <= marginMs) return { at, reason: undefined };
  const reason = await io.prompter.input({
    key: 'reason',
    message: `That is ${formatSpan(now.getTime() - at.getTime())} ago. Why is it entered late? (kept in the record)`,
    validate: (typed) => (typed.trim() ? true : `an entry made more than ${formatSpan(marginMs)} after the fact needs a reason`),
  });
  return { at, reason: reason.trim() };
}
