import type { EntryCheck } from '../engine/entryCheck.ts';
import { UserError } from '../errors.ts';
import { parseTime } from '../input/parseTime.ts';
import { problemText } from '../problems/problemText.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon, formatLondonClock, londonDateOf } from '../time/london.ts';
import { PromptBack } from './prompter.ts';
import type { RunnerIo } from './runnerIo.ts';

/** When an entry is dated, with what the rules asked for it. */
export interface EntryTime {
  /** `undefined`: now (the record takes the clock's time). */
  at: Date | undefined;
  /** Why it is entered late, where it is. */
  reason: string | undefined;
  /** Where the entry is dated later than typed (the earliest the record allows), the time it really happened. */
  noteAddition: string | undefined;
  check: EntryCheck;
}

const HINT = '(now, 09:12, -15m or 2022-08-04 07:00)';

/** Reads a typed time; the validator has already refused anything it cannot read. */
function readTyped(io: RunnerIo, text: string): Date | undefined {
  return /^\s*now\s*$/i.test(text) ? undefined : parseTime(text, io.clock.now(), 'The time');
}

/**
 * Asks when something happened, first, before anything else about the entry is typed, and asks the engine at once
 * whether the record allows that time (`check`). A time the rules refuse is explained in words with what would
 * make it possible, and the person chooses: record it at the earliest time the record allows, keeping the time it
 * really happened in its note; give another time; or leave. A time more than the incident's margin ago then asks
 * why it is entered late.
 */
export async function askTime(io: RunnerIo, message: string, check: (at: Date | undefined) => Promise<EntryCheck>): Promise<EntryTime> {
  asking: for (;;) {
    const text = await io.prompter.input({ key: 'at', message: `${message} ${HINT}`, default: 'now', validate: (typed) => timeProblem(io, typed) ?? true });
    const typed = readTyped(io, text);
    let at = typed;
    let noteAddition: string | undefined;
    let result = await check(at);
    // Each refusal is told in its own words, until the time is one the record takes or the person leaves.
    while (result.problem) {
      const earliest = earliestAllowed(result.problem);
      const later = earliest && typed && at && earliest.getTime() > at.getTime() ? earliest : undefined;
      const options = [
        ...(later && typed ? [{ value: 'earliest' as const, name: `Record it at ${briefly(later, typed)}, its note saying it happened at ${briefly(typed, later)}` }] : []),
        { value: 'again' as const, name: 'Give another time' },
        { value: 'leave' as const, name: 'Leave without recording anything' },
      ];
      const choice = await io.prompter.select({ key: 'at.refused', message: `${problemText(result.problem).message} What now?`, options });
      if (choice === 'leave') throw new PromptBack('back');
      if (choice === 'again' || !later || !typed) continue asking;
      noteAddition = `It happened at ${formatLondon(typed)}; recorded at ${formatLondon(later)}, the earliest this record allows.`;
      at = later;
      result = await check(at);
    }
    let reason: string | undefined;
    if (result.needsReason && at) {
      const ago = formatSpan(io.clock.now().getTime() - at.getTime());
      reason = (
        await io.prompter.input({
          key: 'reason',
          message: `That is ${ago} ago. Why is it entered late? (kept in the record)`,
          validate: (typed) => (typed.trim() ? true : 'an entry made this long after the fact needs a reason'),
        })
      ).trim();
    }
    return { at, reason, noteAddition, check: result };
  }
}

/** The earliest time the record allows, for the refusals that have one. */
function earliestAllowed(problem: NonNullable<EntryCheck['problem']>): Date | undefined {
  if (problem.code === 'dated-before-step') return new Date(problem.enteredAt);
  if (problem.code === 'dated-before-awareness') return new Date(problem.awareAt);
  if (problem.code === 'dated-before-tick') return new Date(problem.tickedAt);
  return undefined;
}

/** Why a typed time cannot be read, or `undefined`. */
function timeProblem(io: RunnerIo, typed: string): string | undefined {
  try {
    parseTime(typed, io.clock.now(), 'The time');
    return undefined;
  } catch (error) {
    return error instanceof UserError ? error.message : String(error);
  }
}

/**
 * Asks when the incident became aware: any time up to now (an earlier awareness only brings deadlines forward).
 * One more than a day ago is confirmed, since it starts every clock already late.
 */
export async function askAwareness(io: RunnerIo): Promise<Date> {
  for (;;) {
    const text = await io.prompter.input({ key: 'awareAt', message: `When did you become aware? This starts the regulatory clocks. ${HINT}`, default: 'now', validate: (typed) => timeProblem(io, typed) ?? true });
    const at = readTyped(io, text) ?? io.clock.now();
    const ago = io.clock.now().getTime() - at.getTime();
    if (ago <= 24 * 3_600_000) return at;
    const sure = await io.prompter.input({
      key: 'confirm.awareAt',
      message: `That is ${formatSpan(ago)} ago (${formatLondon(at)}): every clock starts then, and some are already past. Is that right? Type yes or no`,
      validate: (typed) => (/^(yes|no)$/i.test(typed.trim()) ? true : 'type yes or no in full'),
    });
    if (/^yes$/i.test(sure.trim())) return at;
  }
}

/** A time as briefly as it can be told apart from the other time it is shown with: 09:30 BST on the same day. */
function briefly(at: Date, beside: Date): string {
  const [a, b] = [londonDateOf(at), londonDateOf(beside)];
  return a.year === b.year && a.month === b.month && a.day === b.day ? formatLondonClock(at) : formatLondon(at);
}
