import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { UserError } from '../errors.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { EventLogFile, type EventLog } from './eventLogFile.ts';
import type { IncidentStore } from './incidentStore.ts';
import { VerifiedPrefix } from './verifiedPrefix.ts';

const SUFFIX = '.jsonl';

/** The embedded store: one append-only JSON Lines file per incident in `<stateDir>/incidents/`, through lowdb. */
export class FileIncidentStore implements IncidentStore {
  readonly #dir: string;

  constructor(readonly stateDir: string) {
    this.#dir = join(stateDir, 'incidents');
  }

  describe(incident: string): string {
    return join(this.#dir, `${incident}${SUFFIX}`);
  }

  async list(): Promise<string[]> {
    try {
      return readdirSync(this.#dir)
        .filter((name) => name.endsWith(SUFFIX))
        .map((name) => name.slice(0, -SUFFIX.length));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async read(incident: string, options: { full?: boolean } = {}): Promise<RecordedEvent[] | undefined> {
    const adapter = this.#adapter(incident);
    if (options.full) return adapter.readSync({ full: true })?.events;
    const db = new Low<EventLog>(adapter, { events: [] });
    const missing = db.data;
    await db.read(); // lowdb keeps the default data when the adapter finds no file
    return db.data === missing ? undefined : db.data.events;
  }

  async create(incident: string, events: readonly RecordedEvent[]): Promise<void> {
    this.#ensureDir();
    const adapter = new EventLogFile(this.describe(incident));
    try {
      adapter.createSync(events);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new UserError(`An incident with id ${incident} already exists in ${this.#dir}.`);
      }
      throw error;
    }
    syncDirectory(this.#dir);
  }

  async append(incident: string, after: RecordedEvent, events: readonly RecordedEvent[]): Promise<void> {
    const adapter = new EventLogFile(this.describe(incident));
    const db = new Low<EventLog>(adapter, { events: [] });
    // Only the tail matters for an append: the adapter checks on disk, under the lock, that `after` is still last.
    adapter.assumePersisted(after);
    db.data = { events: [after, ...events] };
    await db.write();
  }

  #adapter(incident: string): EventLogFile {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(incident)) {
      throw new UserError(`"${incident}" is not an incident id (ids look like inc-20220804-3f9a).`);
    }
    return new EventLogFile(this.describe(incident), new VerifiedPrefix(join(this.stateDir, '.cache', 'verified', `${incident}.json`)));
  }

  #ensureDir(): void {
    try {
      mkdirSync(this.#dir, { recursive: true });
    } catch (error) {
      throw new UserError(`Cannot create the state folder ${this.#dir}: ${(error as Error).message}`);
    }
  }
}

/** Makes a new file's directory entry durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
