/** Where the engine gets "now" from. Nothing in the engine reads the wall clock directly. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, rehearsals, `IRP_NOW`). */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** A clock that only moves when told to: exercises and tests. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date) {
    this.#ms = start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(at: Date): void {
    this.#ms = at.getTime();
  }
}

/** Allowance for clocks that disagree a little: a time, or an entry, up to this far ahead of now is accepted. */
export const FUTURE_TOLERANCE_MS = 60_000;
