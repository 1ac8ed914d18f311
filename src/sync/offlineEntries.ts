import type { RecordedEvent } from '../record/recordedEvent.ts';

/**
 * Where an entry of a set-aside copy stands against the live record:
 * - `in-record`: the live record holds it as it is (the part both copies share);
 * - `reapplied`: a person's entry in the live record re-applies it (`settledBy`), or records why it was dropped;
 * - `by-irp`: a timer irp records by itself, fired again in the live record when it falls due there;
 * - `waiting`: none of these; a person has still to re-apply it or drop it.
 */
export type OfflineStanding =
  | { kind: 'in-record'; event: RecordedEvent }
  | { kind: 'reapplied'; event: RecordedEvent; settledBy: RecordedEvent }
  | { kind: 'by-irp'; event: RecordedEvent }
  | { kind: 'waiting'; event: RecordedEvent };

/** Each entry of a set-aside copy, with where it stands against the live record. Pure. */
export function offlineStandings(record: readonly RecordedEvent[], copy: readonly RecordedEvent[]): OfflineStanding[] {
  const inRecord = new Set(record.map((event) => event.hash));
  const settled = new Map<string, RecordedEvent>();
  for (const event of record) if (event.fromOffline && !settled.has(event.fromOffline.hash)) settled.set(event.fromOffline.hash, event);
  return copy.map((event): OfflineStanding => {
    if (inRecord.has(event.hash)) return { kind: 'in-record', event };
    const by = settled.get(event.hash);
    if (by) return { kind: 'reapplied', event, settledBy: by };
    if (event.kind === 'timer.fired') return { kind: 'by-irp', event };
    return { kind: 'waiting', event };
  });
}

/**
 * The entries still waiting, in the order they are re-applied: the order they happened in (an offline copy's own
 * order where two claim the same moment).
 */
export function waitingEntries(standings: readonly OfflineStanding[]): RecordedEvent[] {
  return standings
    .filter((standing) => standing.kind === 'waiting')
    .map((standing) => standing.event)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.seq - b.seq);
}
