import { impossibleDate } from './london.ts';

/**
 * Reads a calendar date a person types (an action's due date, `--due`, an answers file's `due:`): `YYYY-MM-DD`, a
 * day that exists (checked by the one date check, `impossibleDate`, so 2022-02-30 is refused rather than rolled
 * over to 2 March). Returns why it cannot be read, or `undefined` when it is a date.
 */
export function calendarDateProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'give a date as YYYY-MM-DD, such as 2022-09-30';
  const problem = impossibleDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return problem === undefined ? undefined : `there is no such day (${problem})`;
}
