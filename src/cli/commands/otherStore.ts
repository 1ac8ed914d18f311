import type { IncidentStore } from '../../store/incidentStore.ts';
import { openOtherStore } from '../../store/openStore.ts';

/** The other store: a PostgreSQL URL, or another state folder. */
export function otherStore(spec: string): IncidentStore {
  return openOtherStore(spec);
}

export const whereOf = (store: IncidentStore) => store.where;
