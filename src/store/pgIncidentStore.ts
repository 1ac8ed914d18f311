import type { Pool, PoolClient } from 'pg';
import { ConcurrencyError, DamagedRecordError, IncidentExistsError, UserError } from '../errors.ts';
import { findChainProblem, serialiseEvent } from '../record/hashChain.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { sealSchema, type Seal } from '../record/seal.ts';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RecordMirror } from '../cache/recordMirror.ts';
import { checkIncidentId } from './incidentId.ts';
import { ANY_INCIDENT, type IncidentStore, type StoredBy } from './incidentStore.ts';
import { parseEventTexts } from './recordLines.ts';
import { LockTimeoutError } from './fileLock.ts';
import { lazyRecord, lineStartsOf } from './lazyRecord.ts';
import { SCHEMA_VERSION, migrations } from './pgSchema.ts';

/** The PostgreSQL client (pg), loaded only when a shared store is used: no other command pays for it. */
function loadPg(): typeof import('pg') {
  return createRequire(import.meta.url)('pg') as typeof import('pg');
}

/**
 * The session settings irp connects with, after any the URL gives (`?options=-c search_path=…`): a record is read in
 * order along its primary key (incident, seq), streamed by the index, never gathered from a bitmap and sorted,
 * which is what the planner picks when its statistics lag a fast-growing incident (a 100,000-event record was
 * sorted on disk).
 */
function withSessionOptions(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.searchParams.set('options', `${parsed.searchParams.get('options') ?? ''} -c enable_bitmapscan=off -c statement_timeout=120s`.trim());
    return parsed.toString();
  } catch {
    return url; // a connection string pg reads in its own way: it stands as it is
  }
}

/** Events per page of a scan. */
const SCAN_PAGE = 5000;

/** What a refusal of an administrative statement means, by its SQLSTATE. */
const ADMIN_REFUSALS: Record<string, string> = {
  '23505': 'it is there already.',
  '23503': 'the organisation is not registered (irp db org add first).',
  '23514': 'a value is not one irp accepts.',
  '42704': 'the login does not exist in the database: create it (add --create-login, or CREATE ROLE … LOGIN).',
  '42710': 'the login exists already: leave out --create-login.',
  '42501': 'this login may not do that: organisations and people are added by the role that migrates the schema.',
  P0002: 'check the incident id (irp list).',
};

/**
 * The schema's channel, on which every append is announced with the incident's id as the payload: the schema's own
 * (`irp_channel()`, from schema 4), as other irp schemas may share the database.
 */
const CHANNEL = /^irp_events_[0-9a-f]{16}$/;

/**
 * Incident records in PostgreSQL, behind the same contract as the file store. Each event is stored as the same
 * canonical line the file store writes, so a record copied out (`SELECT line … ORDER BY seq`) is a JSON Lines file
 * that `irp verify` checks byte for byte. The database itself keeps records append-only (triggers refuse UPDATE,
 * DELETE and TRUNCATE) and each incident's chain linked (a trigger refuses a row whose seq or prevHash does not
 * follow the last); appends to one incident are serialised by an advisory lock and the expected-end check, and
 * announced with NOTIFY. Schema changes are `irp db migrate`'s alone.
 */
export class PgIncidentStore implements IncidentStore {
  #pool: Pool | undefined;
  #checked: Promise<void> | undefined;

  constructor(
    readonly url: string,
    /** `cacheDir`: where this machine keeps its copies of records it has read, so that a read fetches only what is new. */
    readonly options: { cacheDir?: string | undefined } = {},
  ) {}

  /** Where the records are, for people: the URL without its password. */
  get where(): string {
    try {
      const parsed = new URL(this.url);
      parsed.password = '';
      return parsed.toString();
    } catch {
      return 'the PostgreSQL store';
    }
  }

  async #client(): Promise<Pool> {
    if (!this.#pool) {
      const PoolClass = loadPg().Pool;
      this.#pool = new PoolClass({ connectionString: withSessionOptions(this.url), max: 4, connectionTimeoutMillis: 5_000 });
      this.#pool.on('error', () => undefined); // an idle connection dropped by the server is replaced on next use

    }
    this.#checked ??= this.#checkSchema(this.#pool);
    await this.#checked;
    return this.#pool;
  }

  /** The schema must be there, and not newer than this irp knows: said plainly, before anything is read. */
  async #checkSchema(pool: Pool): Promise<void> {
    let version: number | undefined;
    try {
      const result = await pool.query<{ version: number }>('SELECT max(version) AS version FROM irp_schema');
      version = result.rows[0]?.version ?? undefined;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '42P01') version = undefined; // no such table: no schema yet
      else throw this.#unreachable(error);
    }
    if (version === undefined || version === null) {
      throw new UserError({ code: 'no-schema', where: this.where });
    }
    if (version > SCHEMA_VERSION) {
      throw new UserError({ code: 'schema-too-new', where: this.where, version, known: SCHEMA_VERSION, migrating: false });
    }
    if (version < SCHEMA_VERSION) {
      throw new UserError({ code: 'schema-too-old', where: this.where, version, needs: SCHEMA_VERSION });
    }
  }

  /** One query's rows; a failing server (gone, restarting, refusing) is said plainly, never a stack trace. */
  async #rows<Row extends object>(sql: string, values: unknown[] = []): Promise<Row[]> {
    const pool = await this.#client();
    try {
      return (await pool.query<Row & Record<string, unknown>>(sql, values)).rows;
    } catch (error) {
      throw this.#unreachable(error);
    }
  }

  #unreachable(error: unknown): UserError {
    const code = (error as { code?: string }).code;
    if (code === '55P03') return new LockTimeoutError({ code: 'lock-timeout', lock: `${this.where} (another writer holds the incident's turn)`, seconds: 5 });
    if (code === '57014') return new UserError({ code: 'database-timeout', where: this.where });
    if (code === '23514') return new UserError({ code: 'database-refused', where: this.where, message: (error as Error).message, permission: false });
    if (code === '42501') {
      return new UserError({ code: 'database-refused', where: this.where, message: (error as Error).message, permission: true });
    }
    return new UserError({ code: 'database-unusable', where: this.where, message: (error as Error).message, sqlState: code });
  }

  /** Creates or upgrades the schema, one migration at a time, each in a transaction; returns the versions applied. */
  async migrate(): Promise<number[]> {
    const ClientClass = loadPg().Client;
    const client = new ClientClass({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
    } catch (error) {
      throw this.#unreachable(error);
    }
    const applied: number[] = [];
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7326150)'); // one migrator at a time
      await client.query('CREATE TABLE IF NOT EXISTS irp_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const current = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM irp_schema')).rows[0]?.v ?? 0;
      if (current > SCHEMA_VERSION) throw new UserError({ code: 'schema-too-new', where: this.where, version: current, known: SCHEMA_VERSION, migrating: true });
      for (const [index, sql] of migrations.entries()) {
        const version = index + 1;
        if (version <= current) continue;
        await client.query(sql);
        await client.query('INSERT INTO irp_schema (version) VALUES ($1)', [version]);
        applied.push(version);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error instanceof UserError ? error : this.#unreachable(error);
    } finally {
      await client.end().catch(() => undefined);
    }
    return applied;
  }

  /**
   * Calls `onChange(incident)` whenever any writer anywhere commits an append (LISTEN on the channel every append
   * NOTIFYs). Returns a function that stops listening.
   */
  watch(onChange: (incident: string) => void): Promise<() => Promise<void>> {
    return this.listen(onChange);
  }

  async incidentOwners(): Promise<Map<string, string>> {
    const rows = await this.#rows<{ incident: string; name: string }>('SELECT i.incident, o.name FROM irp_incidents i JOIN irp_organisations o ON o.id = i.organisation');
    return new Map(rows.map((row) => [row.incident, row.name]));
  }

  /**
   * Calls `onChange(incident)` whenever any writer anywhere commits an append (LISTEN on the channel every append
   * NOTIFYs). A connection lost (the server restarted, the listener's backend ended) is made again, a second later
   * and then less often, and `onChange(ANY_INCIDENT)` says that anything may have changed meanwhile. Returns a
   * function that stops listening.
   */
  async listen(onChange: (incident: string) => void): Promise<() => Promise<void>> {
    await this.#client(); // the schema is checked first
    let stopped = false;
    let client: import('pg').Client | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const reconnect = (delay: number): void => {
      if (stopped) return;
      retry = setTimeout(() => {
        open().then(
          () => onChange(ANY_INCIDENT),
          () => reconnect(Math.min(delay * 2, 30_000)),
        );
      }, delay);
    };
    const open = async (): Promise<void> => {
      const next = new (loadPg().Client)({ connectionString: withSessionOptions(this.url), connectionTimeoutMillis: 5_000 });
      let lost = false;
      const onLost = () => {
        if (lost || stopped) return;
        lost = true;
        next.end().catch(() => undefined);
        reconnect(1_000);
      };
      next.on('notification', (message) => onChange(message.payload ?? ''));
      next.on('error', onLost);
      next.on('end', onLost);
      await next.connect();
      const channel = (await next.query<{ channel: string }>('SELECT irp_channel() AS channel')).rows[0]?.channel ?? '';
      if (!CHANNEL.test(channel)) throw new Error(`irp_channel() gave ${JSON.stringify(channel)}, not a channel irp names`);
      await next.query(`LISTEN ${channel}`);
      client = next;
    };
    await open();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#checked = undefined;
    await pool?.end();
  }

  describe(incident: string): string {
    return `${this.where}#${incident}`;
  }

  async list(): Promise<string[]> {
    // One row per incident, by its primary key: never a scan of the events (and only those this login may read).
    return (await this.#rows<{ incident: string }>('SELECT incident FROM irp_incidents')).map((row) => row.incident);
  }

  /**
   * Who stored each entry, as the database saw it: the login it stamped on the row, when it received it, and the
   * person and organisation that login belongs to (none for a login irp does not know).
   */
  async provenance(incident: string, options: { times?: boolean } = {}): Promise<StoredBy[]> {
    checkIncidentId(incident);
    if (options.times === false) {
      // Who stored what, without when: one row per login, its entries as one array (what verify needs, quickly).
      const groups = await this.#rows<{ login: string | null; seqs: number[]; name: string | null; organisation: string | null; organisation_name: string | null }>(
        `SELECT g.login, g.seqs, p.name, p.organisation, o.name AS organisation_name
           FROM (SELECT recorded_by AS login, array_agg(seq) AS seqs FROM irp_events WHERE incident = $1 GROUP BY recorded_by) AS g
           LEFT JOIN irp_people p ON p.login = g.login LEFT JOIN irp_organisations o ON o.id = p.organisation`,
        [incident],
      );
      return groups
        .flatMap((group) => {
          const shared = { login: group.login ?? undefined, person: group.name ?? undefined, organisation: group.organisation ? { id: group.organisation, name: group.organisation_name ?? group.organisation } : undefined };
          return group.seqs.map((seq) => ({ seq, ...shared }));
        })
        .sort((a, b) => a.seq - b.seq);
    }
    const rows = await this.#rows<{ seq: number; login: string | null; received_at: Date | null; name: string | null; organisation: string | null; organisation_name: string | null }>(
      `SELECT e.seq, e.recorded_by AS login, e.received_at, p.name, p.organisation, o.name AS organisation_name
         FROM irp_events e LEFT JOIN irp_people p ON p.login = e.recorded_by LEFT JOIN irp_organisations o ON o.id = p.organisation
        WHERE e.incident = $1 ORDER BY e.seq`,
      [incident],
    );
    return rows.map((row) => ({
      seq: row.seq,
      login: row.login ?? undefined,
      receivedAt: row.received_at?.toISOString(),
      person: row.name ?? undefined,
      organisation: row.organisation ? { id: row.organisation, name: row.organisation_name ?? row.organisation } : undefined,
    }));
  }

  /** The login this store connects as, and the person irp knows it as (none: a login irp does not know). */
  async whoAmI(): Promise<{ login: string; owner: boolean; person?: { name: string; organisation?: string | undefined; access: string } | undefined }> {
    const [row] = await this.#rows<{ login: string; owner: boolean; name: string | null; organisation: string | null; access: string | null }>(
      `SELECT session_user AS login, p.name, p.organisation, p.access,
              (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user)
              OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'irp_events'::regclass), 'MEMBER') AS owner
         FROM (SELECT 1) AS one LEFT JOIN irp_people p ON p.login = session_user`,
    );
    if (!row) return { login: '', owner: false };
    return { login: row.login, owner: row.owner, person: row.name ? { name: row.name, organisation: row.organisation ?? undefined, access: row.access ?? 'member' } : undefined };
  }

  /** Runs statements as the migrating role (organisations, people, grants): in one transaction, all or nothing. */
  async administer(statements: ReadonlyArray<{ sql: string; values?: unknown[] }>): Promise<void> {
    await this.#inTransaction(
      async (client) => {
        for (const statement of statements) await client.query(statement.sql, statement.values ?? []);
      },
      (error) => {
        const { code, message } = error as { code?: string; message: string };
        const meaning = code ? ADMIN_REFUSALS[code] : undefined;
        return meaning ? new UserError({ code: 'administration-refused', where: this.where, message, meaning }) : undefined;
      },
    );
  }


  /** Lines from the database, checked as the file store checks its lines: schema, hashes as written, the chain. */
  #parse(incident: string, lines: readonly string[], before?: { seq: number; hash: string }): RecordedEvent[] {
    if (lines.length === 0) return [];
    const { events, hashedAsWritten } = parseEventTexts(this.describe(incident), lines, before?.seq ?? 0);
    const problem = findChainProblem(events, (index) => hashedAsWritten[index] === true, before);
    if (problem) {
      throw new DamagedRecordError({ code: 'damaged-record', where: this.describe(incident), line: (before?.seq ?? 0) + problem.index + 1, seq: problem.seq, reason: problem.reason });
    }
    return events;
  }

  /**
   * The whole record, checked. Where this machine keeps a copy of it (`cacheDir`) whose lines still hash as they did
   * when verified, and the database's row at its end still has the same hash, only the rows after it are fetched
   * and checked in full; otherwise, and always with `full`, every row is read and checked.
   */
  async read(incident: string, options: { full?: boolean } = {}): Promise<RecordedEvent[] | undefined> {
    checkIncidentId(incident);
    const mirror = this.#mirror(incident);
    const known = options.full ? undefined : mirror?.trusted();
    if (mirror && known) {
      const lastLine = known.bytes.toString('utf8', known.bytes.lastIndexOf(0x0a, known.bytes.length - 2) + 1, known.bytes.length - 1);
      const last = JSON.parse(lastLine) as { seq: number; hash: string };
      const rows = await this.#rows<{ seq: number; line: string; hash: string }>('SELECT seq, line, hash FROM irp_events WHERE incident = $1 AND seq >= $2 ORDER BY seq', [incident, known.count]);
      const [anchor, ...rest] = rows;
      if (anchor && anchor.seq === known.count && last.seq === known.count && anchor.hash === last.hash) {
        const added = this.#parse(
          incident,
          rest.map((row) => row.line),
          last,
        );
        if (added.length > 0) mirror.extend(known, Buffer.from(`${rest.map((row) => row.line).join('\n')}\n`, 'utf8'), known.count + added.length);
        // The mirrored lines are parsed only where someone looks at them, as the file store does (lazyRecord.ts).
        return lazyRecord(known.bytes, lineStartsOf(known.bytes), known.count, added);
      }
    }
    const rows = await this.#rows<{ line: string }>('SELECT line FROM irp_events WHERE incident = $1 ORDER BY seq', [incident]);
    if (rows.length === 0) return undefined;
    const lines = rows.map((row) => row.line);
    const events = this.#parse(incident, lines);
    mirror?.replace(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), events.length);
    return events;
  }

  /** This machine's copy of an incident's record, where a cache folder was given. */
  #mirror(incident: string): RecordMirror | undefined {
    if (this.options.cacheDir === undefined) return undefined;
    const place = createHash('sha256').update(this.where).digest('hex').slice(0, 16);
    return new RecordMirror(join(this.options.cacheDir, place, `${incident}.jsonl`), this.describe(incident));
  }

  async readAfter(incident: string, after: Pick<RecordedEvent, 'seq' | 'hash'>): Promise<RecordedEvent[] | undefined> {
    checkIncidentId(incident);
    const rows = await this.#rows<{ seq: number; line: string; hash: string }>('SELECT seq, line, hash FROM irp_events WHERE incident = $1 AND seq >= $2 ORDER BY seq', [incident, after.seq]);
    const [anchor, ...rest] = rows;
    if (!anchor || anchor.seq !== after.seq || anchor.hash !== after.hash) return undefined;
    return this.#parse(
      incident,
      rest.map((row) => row.line),
      { seq: after.seq, hash: after.hash },
    );
  }

  /**
   * Every event in order, a page at a time along the primary key: the next page is asked for while this one is
   * checked, so that the database's time and irp's overlap. Seqs have no gaps (the chain trigger sees to it), so
   * page k is seqs 5000k+1 to 5000(k+1).
   */
  async *scan(incident: string): AsyncGenerator<RecordedEvent> {
    checkIncidentId(incident);
    const page = (from: number) =>
      this.#rows<{ line: string }>('SELECT line FROM irp_events WHERE incident = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [incident, from, from + SCAN_PAGE]);
    let before: { seq: number; hash: string } | undefined;
    let next = page(0);
    for (let from = 0; ; from += SCAN_PAGE) {
      const rows = await next;
      if (rows.length === 0) return;
      if (rows.length === SCAN_PAGE) next = page(from + SCAN_PAGE);
      const events = this.#parse(
        incident,
        rows.map((row) => row.line),
        before,
      );
      yield* events;
      if (rows.length < SCAN_PAGE) return;
      const last = events.at(-1) as RecordedEvent;
      before = { seq: last.seq, hash: last.hash };
    }
  }

  /** The count and the last hash: the record can only grow (the database refuses any other change). */
  async fingerprint(incident: string): Promise<string | undefined> {
    checkIncidentId(incident);
    const [row] = await this.#rows<{ seq: number; hash: string }>('SELECT seq, hash FROM irp_events WHERE incident = $1 ORDER BY seq DESC LIMIT 1', [incident]);
    return row ? `pg:${row.seq}:${row.hash}` : undefined;
  }

  /** The fingerprint is already one indexed row: cheap enough to look at twice a second. */
  changeMark(incident: string): Promise<string | undefined> {
    return this.fingerprint(incident);
  }

  async create(incident: string, events: readonly RecordedEvent[]): Promise<void> {
    checkIncidentId(incident);
    const endsAt = await this.#append(incident, undefined, events);
    if (endsAt !== undefined) throw new IncidentExistsError({ code: 'incident-exists', incident, where: this.where });
  }

  async append(incident: string, after: RecordedEvent, events: readonly RecordedEvent[]): Promise<void> {
    checkIncidentId(incident);
    if (events.length === 0) return;
    const endsAt = await this.#append(incident, after, events);
    if (endsAt !== undefined) throw new ConcurrencyError({ code: 'conflict', where: this.describe(incident), seq: endsAt });
  }

  /**
   * One round trip (irp_append, in the schema): the lock, the expected-end check, the rows and the NOTIFY, committed
   * together. Returns `undefined` when written, else where the record really ends (nothing written).
   */
  async #append(incident: string, after: Pick<RecordedEvent, 'seq' | 'hash'> | undefined, events: readonly RecordedEvent[]): Promise<number | undefined> {
    const [row] = await this.#rows<{ ends: number }>('SELECT irp_append($1, $2, $3, $4, $5) AS ends', [
      incident,
      after?.seq ?? 0,
      after?.hash ?? null,
      events.map(serialiseEvent),
      events.map((event) => event.hash),
    ]);
    const ends = row?.ends ?? 0;
    return ends === -1 ? undefined : ends;
  }

  /** One transaction, holding the incident's advisory lock: writers to one incident take turns; NOTIFY on commit. */
  async #transaction(incident: string, work: (client: PoolClient) => Promise<void>): Promise<void> {
    await this.#inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [incident]);
      await work(client);
      await client.query('SELECT pg_notify(irp_channel(), $1)', [incident]);
    });
  }

  /**
   * `work` in one transaction on a connection of its own: committed whole, or rolled back. A refusal irp made
   * (a UserError) passes as it is; `refusal` may word a server's refusal; anything else is the server unreachable.
   */
  async #inTransaction(work: (client: PoolClient) => Promise<void>, refusal?: (error: unknown) => UserError | undefined): Promise<void> {
    const pool = await this.#client();
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw this.#unreachable(error);
    }
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof UserError) throw error; // a refusal (ConcurrencyError and IncidentExistsError among them)
      throw refusal?.(error) ?? this.#unreachable(error);
    } finally {
      client.release();
    }
  }


  /** A transaction is written whole or not at all: there is never a torn write to report. */
  async tail(incident: string): Promise<{ tornBytes: number; setAside: string[] }> {
    checkIncidentId(incident);
    return { tornBytes: 0, setAside: [] };
  }

  async readSeals(incident: string): Promise<Seal[]> {
    checkIncidentId(incident);
    const rows = await this.#rows<{ n: number; seal: unknown }>('SELECT n, seal FROM irp_seals WHERE incident = $1 ORDER BY n', [incident]);
    return rows.map((row) => {
      const parsed = sealSchema.safeParse(row.seal);
      if (!parsed.success) throw new DamagedRecordError({ code: 'damaged-record', where: `${this.describe(incident)} seal ${row.n}`, reason: 'not a seal irp wrote' });
      return parsed.data;
    });
  }

  async addSeal(incident: string, seal: Seal): Promise<void> {
    checkIncidentId(incident);
    await this.#transaction(incident, async (client) => {
      const n = ((await client.query<{ n: number | null }>('SELECT max(n) AS n FROM irp_seals WHERE incident = $1', [incident])).rows[0]?.n ?? 0) + 1;
      await client.query('INSERT INTO irp_seals (incident, n, seal) VALUES ($1, $2, $3)', [incident, n, JSON.stringify(seal)]);
    });
  }
}
