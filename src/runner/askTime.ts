import { parseTime } from '../time/parseTime.ts';
import type { RunnerIo } from './runnerIo.ts';

/**
 * Asks when something happened, in any form `parseTime` reads, checked as it is typed. Enter alone means now,
 * returned as `undefined` so that the record takes the clock's time.
 */
export async function askTime(io: RunnerIo, key: string, message: string): Promise<Date | undefined> {
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
  return /^\s*now\s*$/i.test(text) ? undefined : parseTime(text, io.clock.now(), 'The time');
}
