import { join, resolve } from 'node:path';
import { UserError } from '../errors.ts';
import { FileIncidentStore } from './fileIncidentStore.ts';
import type { IncidentStore } from './incidentStore.ts';
import { PgIncidentStore } from './pgIncidentStore.ts';

const POSTGRES = /^postgres(ql)?:\/\//;

/**
 * The one way a store is opened: the files under a state folder, or a shared PostgreSQL store named by its URL
 * (this machine's copies of the records it reads kept under `cacheDir`, where given). What a store can do is then
 * asked of it (its optional methods), never of its type.
 */
export function openStore(spec: string | undefined, stateDir: string, options: { cacheDir?: string | undefined } = {}): IncidentStore {
  if (spec === undefined || spec === '') return new FileIncidentStore(stateDir);
  if (!POSTGRES.test(spec)) throw new UserError({ code: 'bad-store-url', url: spec.replace(/:[^:@/]*@/, ':…@') });
  return new PgIncidentStore(spec, { cacheDir: options.cacheDir });
}

/** Another store named on the command line (`--to`, `--from`): a PostgreSQL URL, or another state folder. */
export function openOtherStore(spec: string): IncidentStore {
  return POSTGRES.test(spec) ? openStore(spec, '') : new FileIncidentStore(resolve(spec));
}

/** Where a state folder keeps this machine's copies of a shared store's records. */
export const recordCopiesIn = (stateDir: string) => join(stateDir, '.cache', 'records');
