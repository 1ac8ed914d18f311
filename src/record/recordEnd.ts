import type { RecordedEvent } from './recordedEvent.ts';

/**
 * The latest moment a record speaks of: the latest time any entry claims to have happened, and with `recorded`,
 * also the latest time one was recorded. `from` is the answer for an empty record (and a floor otherwise).
 */
export function recordEnd(events: readonly RecordedEvent[], options: { recorded?: boolean; from?: number } = {}): number {
  let end = options.from ?? 0;
  for (const event of events) {
    end = Math.max(end, Date.parse(event.occurredAt));
    if (options.recorded) end = Math.max(end, Date.parse(event.recordedAt));
  }
  return end;
}
