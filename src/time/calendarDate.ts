import { isValid, parse } from 'date-fns';

/**
 * The one reader of a calendar date a person types (an action's due date, `--due`, an answers file's `due:`):
 * `YYYY-MM-DD`, a day that exists. date-fns parses it strictly, so 2022-02-30 is refused rather than rolled over
 * to 2 March. Returns why it cannot be read, or `undefined` when it is a date.
 */
export function calendarDateProblem(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'give a date as YYYY-MM-DD, such as 2022-09-30';
  // The reference date only fills fields the pattern lacks (none here); it is not the current time.
  if (!isValid(parse(text, 'yyyy-MM-dd', new Date(0)))) return `there is no such day as ${text}`;
  return undefined;
}
