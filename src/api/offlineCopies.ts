import type { OfflineCopySummary } from '../engine/incidentReport.ts';
import { UserError } from '../errors.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentStore, SetAsideCopy } from '../store/incidentStore.ts';
import { offlineStandings, waitingEntries, type OfflineStanding } from '../sync/offlineEntries.ts';

/** A set-aside copy of an incident's record, and where each of its entries stands against the live record. */
export interface SetAsideStanding {
  copy: SetAsideCopy;
  standings: OfflineStanding[];
  /** The entries a person has still to re-apply or drop, in the order they happened. */
  waiting: RecordedEvent[];
}

/**
 * The set-aside copies of an incident kept by `store`, each read and checked whole, with where each entry stands
 * against `record` (the live record, wherever it is kept).
 */
export async function setAsideStandings(store: IncidentStore, incident: string, record: readonly RecordedEvent[]): Promise<SetAsideStanding[]> {
  const copies = (await store.setAsideCopies?.(incident)) ?? [];
  const found: SetAsideStanding[] = [];
  for (const copy of copies) {
    const events = (await store.readSetAside?.(copy)) ?? [];
    const standings = offlineStandings(record, events);
    found.push({ copy, standings, waiting: waitingEntries(standings) });
  }
  return found;
}

/**
 * The set-aside copies of an incident kept by `store`, summed up against its live record: none (and no read of
 * the record) where there are none, which is nearly always.
 */
export async function offlineCopiesOf(store: IncidentStore, incident: string, record: () => Promise<readonly RecordedEvent[]>): Promise<OfflineCopySummary[]> {
  const copies = (await store.setAsideCopies?.(incident)) ?? [];
  if (copies.length === 0) return [];
  const events = await record();
  const found: OfflineCopySummary[] = [];
  for (const copy of copies) {
    try {
      const standings = offlineStandings(events, (await store.readSetAside?.(copy)) ?? []);
      found.push({ file: copy.file, entries: standings.length, waiting: waitingEntries(standings).length });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      found.push({ file: copy.file, entries: 0, waiting: 0, problem: error.message });
    }
  }
  return found;
}
