import { UserError } from '../errors.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentStore } from '../store/incidentStore.ts';

/** The problem of an incident that is not in the store, naming where it was looked for. */
export function noIncident(store: IncidentStore, incident: string): UserError {
  return new UserError({ code: 'no-incident', incident, folder: store.describe(incident).replace(/[^/]*$/, '') });
}

/** The whole record, oldest first, checked as the store reads it; an incident the store does not have is a problem. */
export async function readRecord(store: IncidentStore, incident: string, options: { full?: boolean } = {}): Promise<RecordedEvent[]> {
  const events = await store.read(incident, options);
  if (!events || events.length === 0) throw noIncident(store, incident);
  return events;
}
