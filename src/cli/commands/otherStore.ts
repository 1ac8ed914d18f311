import { resolve } from 'node:path';
import { FileIncidentStore } from '../../store/fileIncidentStore.ts';
import type { IncidentStore } from '../../store/incidentStore.ts';
import { PgIncidentStore } from '../../store/pgIncidentStore.ts';
import { storeOf } from '../context.ts';

/** The other store: a PostgreSQL URL, or another state folder. */
export function otherStore(spec: string): IncidentStore {
  return /^postgres(ql)?:\/\//.test(spec) ? storeOf(spec, '') : new FileIncidentStore(resolve(spec));
}

export const whereOf = (store: IncidentStore) => (store instanceof PgIncidentStore ? store.where : store instanceof FileIncidentStore ? store.stateDir : 'the other store');
