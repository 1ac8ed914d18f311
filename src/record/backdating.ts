import type { RecordedEvent } from './recordedEvent.ts';

/**
 * Entries are stamped twice: when they happened (as claimed by whoever records them) and when irp recorded them.
 * An entry recorded more than a minute after the time it claims is shown with both times everywhere.
 */
export const SHOWN_DELAY_MS = 60_000;

/** The margin an incident uses when its opening entry does not fix one. */
export const DEFAULT_BACKDATE_MARGIN_MINUTES = 15;

/** How long after the time it claims an entry was recorded (0 for an entry made as it happened). */
export function entryDelayMs(event: Pick<RecordedEvent, 'occurredAt' | 'recordedAt'>): number {
  return Math.max(0, Date.parse(event.recordedAt) - Date.parse(event.occurredAt));
}

/** Whether an entry claims a time noticeably earlier than the time it was recorded. */
export function isBackdated(event: Pick<RecordedEvent, 'occurredAt' | 'recordedAt'>): boolean {
  return entryDelayMs(event) > SHOWN_DELAY_MS;
}

/** How long after the fact an entry of this incident may be made without a reason. */
export function backdateMarginMs(events: readonly RecordedEvent[]): number {
  const opened = events[0];
  const minutes = opened?.kind === 'incident.opened' ? opened.data.backdateMarginMinutes : undefined;
  return (minutes ?? DEFAULT_BACKDATE_MARGIN_MINUTES) * 60_000;
}
