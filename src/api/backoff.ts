import { setTimeout as sleep } from 'node:timers/promises';

/** How many times a write that lost a race to another writer is decided again before the loss is reported. */
export const APPEND_ATTEMPTS = 10;

/**
 * Waits before the next attempt of a write that lost a race: "full jitter" (a random wait up to a ceiling that
 * doubles with each attempt, from 4 ms to at most 500 ms), so that writers that collided once do not collide again
 * in step. The first retry waits at most 4 ms, so an occasional race costs nothing a person would notice.
 */
export function backoff(attempt: number, random: () => number = Math.random): Promise<void> {
  const ceiling = Math.min(500, 4 * 2 ** Math.max(0, attempt - 1));
  return sleep(Math.floor(random() * ceiling));
}
