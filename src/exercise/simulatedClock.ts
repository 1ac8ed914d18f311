import type { Clock } from '../time/clock.ts';

/**
 * An exercise's clock. With a wall clock it runs at real speed from its start until paused; without one it moves
 * only when told (automated replays). The facilitator can jump it forward, never back.
 */
export class SimulatedClock implements Clock {
  #simulatedMs: number;
  #wallMs: number | undefined;

  constructor(
    start: Date,
    private readonly wall?: Clock,
  ) {
    this.#simulatedMs = start.getTime();
    this.#wallMs = wall?.now().getTime();
  }

  now(): Date {
    const running = this.wall && this.#wallMs !== undefined ? this.wall.now().getTime() - this.#wallMs : 0;
    return new Date(this.#simulatedMs + running);
  }

  get paused(): boolean {
    return this.#wallMs === undefined;
  }

  pause(): void {
    this.#simulatedMs = this.now().getTime();
    this.#wallMs = undefined;
  }

  resume(): void {
    if (this.wall && this.#wallMs === undefined) this.#wallMs = this.wall.now().getTime();
  }

  /** Moves to `at`, if that is later than now. */
  advanceTo(at: Date): void {
    const running = !this.paused;
    this.#simulatedMs = Math.max(this.now().getTime(), at.getTime());
    this.#wallMs = running ? this.wall?.now().getTime() : undefined;
  }
}
