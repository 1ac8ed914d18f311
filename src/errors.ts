import type { Problem, ProblemCode, ProblemOf } from './problems/problem.ts';
import { problemText } from './problems/problemText.ts';

export type { Blocker, Problem, ProblemCode, ProblemOf } from './problems/problem.ts';

/**
 * A problem the user can fix: bad input, an unknown id, a refused step. It carries the problem as data (see
 * `problems/problem.ts`); its message is the problem's words (`problems/problemText.ts`). The CLI prints the
 * message and its details with its own hint (no stack trace) and exits with code 2.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly problem: Problem;
  /** Further lines to print under the message, such as every problem found in a playbook. */
  readonly details: readonly string[];

  constructor(problem: Problem) {
    const words = problemText(problem);
    super(words.message);
    this.problem = problem;
    this.details = words.details;
  }

  /** Whether this is a problem of the given code; narrows `problem` to it. */
  is<C extends ProblemCode>(code: C): this is UserError & { problem: ProblemOf<C> } {
    return this.problem.code === code;
  }
}

/**
 * A problem with what was typed or read at the edge, in the edge's words: `input` names it (`--port`, a file and
 * line), `kind` says how it is wrong (`not-a-port`).
 */
export function invalidInput(input: string, kind: string, message: string, details: readonly string[] = []): UserError {
  return new UserError({ code: 'invalid-input', input, kind, message, details });
}

/** Whether `error` is a user error with the given code: what code that handles one kind of problem asks. */
export function isProblem<C extends ProblemCode>(error: unknown, code: C): error is UserError & { problem: ProblemOf<C> } {
  return error instanceof UserError && error.problem.code === code;
}

/** Another writer appended to the same incident first. The caller may re-derive the state and try again. */
export class ConcurrencyError extends UserError {
  override readonly name: string = 'ConcurrencyError';
  constructor(problem: ProblemOf<'conflict'>) {
    super(problem);
  }
}

/** A record on disk that cannot be read as written: damaged, truncated or edited by hand. Never overwritten. */
export class DamagedRecordError extends UserError {
  override readonly name: string = 'DamagedRecordError';
  /** Where the damage starts: the line (1-based) and, when it could be read, the event's sequence number. */
  readonly at: { line: number; seq?: number; reason: string } | undefined;
  constructor(problem: ProblemOf<'damaged-record'>) {
    super(problem);
    this.at = problem.line === undefined ? undefined : { line: problem.line, ...(problem.seq === undefined ? {} : { seq: problem.seq }), reason: problem.reason };
  }
}

/** A new incident's id is taken already: the caller may draw another. */
export class IncidentExistsError extends UserError {
  override readonly name: string = 'IncidentExistsError';
  constructor(problem: ProblemOf<'incident-exists'>) {
    super(problem);
  }
}
