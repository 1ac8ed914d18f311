import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { Seal } from '../record/seal.ts';

/**
 * Where incident records live. The engine never sees files: the embedded default keeps JSON Lines under
 * `state/`, tests use memory, and a shared PostgreSQL database (`pgIncidentStore.ts`) sits behind the same interface.
 */
export interface IncidentStore {
  /** Where the records are, for people: a state folder, or a shared store's address without its password. */
  readonly where: string;
  /** Ids of every incident, in no particular order. */
  list(): Promise<string[]>;
  /**
   * Every recorded event, oldest first, each checked against its schema and the hash chain; `undefined` when
   * there is no such incident. A damaged record throws a DamagedRecordError saying where. `full` checks every
   * event again even where a store keeps proof that part of the record was checked before.
   */
  read(incident: string, options?: { full?: boolean }): Promise<RecordedEvent[] | undefined>;
  /**
   * The events recorded after `after`, checked as `read` checks them and linked to it: what a long-lived reader
   * (an API handle, a runner, a board) needs to catch up without reading the whole record again. `undefined` when
   * this store cannot tell cheaply that the record still holds `after` where it was (it has not read this record
   * yet, or the record no longer ends the way it did): the caller then reads the whole record, which names any
   * damage.
   */
  readAfter(incident: string, after: Pick<RecordedEvent, 'seq' | 'hash'>): Promise<RecordedEvent[] | undefined>;
  /**
   * Every event of the record, oldest first, with the checks `read` makes, without holding the whole record in
   * memory: for `verify` and `log` on records of any length. Nothing when there is no such incident. Damage is
   * thrown where it is found, after the events before it.
   */
  scan(incident: string, options?: { full?: boolean }): AsyncIterable<RecordedEvent>;
  /**
   * A short text that changes whenever the record changes in any way (an append, or any byte edited): what a cache
   * of things derived from the record is keyed by. `undefined` when there is no such incident.
   */
  fingerprint(incident: string): Promise<string | undefined>;
  /**
   * A cheap text that changes when the record is appended to (the file's size and time; the database's last row):
   * for screens that look twice a second. `fingerprint` is the strict one, for caches. Stores without a cheaper way
   * leave it out and `fingerprint` is used.
   */
  changeMark?(incident: string): Promise<string | undefined>;
  /** Starts a new record. Fails if the id is taken. */
  create(incident: string, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Copies of records set aside when they diverged from a shared one (`irp pull --keep-both`), of one incident or
   * of all, oldest first: kept whole, and shown, until a person has re-applied or dropped every entry of them
   * (`irp pending`). A store that never sets a record aside has none.
   */
  setAsideCopies?(incident?: string): Promise<SetAsideCopy[]>;
  /**
   * Sets an incident's record aside whole (when it diverged from a shared copy, which then takes its place), under
   * the store's own lock; returns where it went. A shared store never sets a record aside and has no such method.
   */
  setAside?(incident: string): Promise<string>;
  /** A set-aside copy's entries as they were, checked as a record is (its lines and its chain). */
  readSetAside?(copy: SetAsideCopy): Promise<RecordedEvent[]>;
  /**
   * Who stored each entry, as the store itself saw it (the shared store's login stamped on each row), oldest
   * first; with `times: false`, without when it was received (quicker). A store that cannot tell (files: whoever can write the folder) has no such method.
   */
  provenance?(incident: string, options?: { times?: boolean }): Promise<StoredBy[]>;
  /**
   * Calls `onChange(incident)` when any writer anywhere changes a record (the shared store's NOTIFY; the file
   * store's folder watched), with no polling, and `onChange(ANY_INCIDENT)` when anything may have changed unseen (a lost
   * connection made again); returns a function that stops watching.
   */
  watch?(onChange: (incident: string) => void): Promise<() => Promise<void>>;
  /** The organisation each incident is of, by name, where the store knows (the shared store's owners). */
  incidentOwners?(): Promise<Map<string, string>>;
  /** The shared store's schema created or upgraded; the versions applied. */
  migrate?(): Promise<number[]>;
  /** Statements run by the role that migrates (organisations, people, grants), in one transaction. */
  administer?(statements: ReadonlyArray<{ sql: string; values?: unknown[] }>): Promise<void>;
  /** Who this store connects as (a shared store's login), and who irp knows it as. */
  whoAmI?(): Promise<{ login: string; owner: boolean; person?: { name: string; organisation?: string | undefined; access: string } | undefined }>;
  /**
   * Appends events durably. `after` is the last event the caller based them on; if the record has moved on since,
   * nothing is written and a ConcurrencyError is thrown.
   */
  append(incident: string, after: RecordedEvent, events: readonly RecordedEvent[]): Promise<void>;
  /** Where a human can find the record, for messages. */
  describe(incident: string): string;
  /**
   * What follows the record's last complete entry: the bytes of a write cut off before it was acknowledged, and
   * where earlier such bytes were set aside. A store with no such thing says `{ tornBytes: 0, setAside: [] }`.
   */
  tail(incident: string): Promise<{ tornBytes: number; setAside: string[] }>;
  /** The seals made of this record's head, oldest first (see `record/seal.ts`). */
  readSeals(incident: string): Promise<Seal[]>;
  /** Keeps a seal beside the record, durably; seals are only ever added. */
  addSeal(incident: string, seal: Seal): Promise<void>;
  /** Lets go of what the store holds open (a database's connections), so that the process can end. */
  close?(): Promise<void>;
}

/** A record set aside whole beside the live one: which incident it is a copy of, and where it is kept. */
export interface SetAsideCopy {
  incident: string;
  file: string;
}

/** Who stored an entry, as the database saw it (schema 2 on). */
export interface StoredBy {
  seq: number;
  /** The login stamped on the row by the server; none on rows stored before schema 2. */
  login?: string | undefined;
  receivedAt?: string | undefined;
  /** The person that login belongs to in irp_people, and their organisation. */
  person?: string | undefined;
  organisation?: { id: string; name: string } | undefined;
}

/** Said to a watcher when anything may have changed unseen (its connection was lost and made again). */
export const ANY_INCIDENT = '*';
