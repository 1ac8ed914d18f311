/**
 * A problem the user can fix: bad input, an unknown id, a refused step. The CLI prints the message alone (no stack
 * trace) and exits with code 2. Messages are sentences that name the thing involved and say what to do.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  constructor(
    message: string,
    /** Further lines to print under the message, such as every problem found in a playbook. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Another writer appended to the same incident first. The caller may re-derive the state and try again. */
export class ConcurrencyError extends UserError {
  override readonly name: string = 'ConcurrencyError';
}

/** A record on disk that cannot be read as written: damaged, truncated or edited by hand. Never overwritten. */
export class DamagedRecordError extends UserError {
  override readonly name: string = 'DamagedRecordError';
  constructor(
    message: string,
    /** Where the damage starts: the line (1-based) and, when it could be read, the event's sequence number. */
    readonly at?: { line: number; seq?: number; reason: string },
  ) {
    super(message);
  }
}

/** A new incident's id is taken already: the caller may draw another. */
export class IncidentExistsError extends UserError {
  override readonly name: string = 'IncidentExistsError';
}
