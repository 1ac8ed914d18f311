// The PostgreSQL store against a real server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432): writers in separate
// processes, a writer killed mid-transaction, the database refusing changes, a record copied out and verified.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { chainEvents, serialiseEvent } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { UserError } from '../../src/errors.ts';
import { asLogin, freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { repoRoot } from '../helpers/paths.ts';
import { runIrp } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

const when = new Date('2022-08-04T06:00:00Z');
const actor = { name: 'Ana', role: 'lead' };
const opened: NewEvent = { kind: 'incident.opened', data: { title: 'Shared', awareAt: when.toISOString(), playbook: { id: 'p', version: '1.0.0', sourceHash: 'a'.repeat(64) } }, actor, occurredAt: when.toISOString() };
const note = (text: string): NewEvent => ({ kind: 'note', data: { text }, actor, occurredAt: when.toISOString() });

const stores: PgIncidentStore[] = [];
const clients: pg.Client[] = [];
afterAll(async () => {
  await Promise.all([...stores.map((s) => s.close()), ...clients.map((c) => c.end().catch(() => undefined))]);
});

async function fresh(): Promise<{ url: string; store: PgIncidentStore; first: RecordedEvent[] }> {
  const url = await freshSchemaUrl();
  const store = new PgIncidentStore(url);
  stores.push(store);
  await store.migrate();
  const first = chainEvents('inc-1', undefined, [opened], when);
  await store.create('inc-1', first);
  return { url, store, first };
}

async function sql(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  clients.push(client);
  await client.connect();
  return client;
}

function writer(url: string, label: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'tests/store/pgAppendWriter.mjs'), url, label, String(count)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let acks = 0;
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => void (acks += chunk.toString().split('ack').length - 1));
    child.stderr.on('data', (chunk: Buffer) => void (errors += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(acks) : reject(new Error(`writer ${label} exited ${code}: ${errors}`))));
  });
}

describe.skipIf(skipWithout(hasPostgres, 'a PostgreSQL server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432; .ci/run starts one)'))('the PostgreSQL store', () => {
  it('takes 4 processes × 250 appends to one incident: 1,000 events, one chain, no duplicates, every one acknowledged', async () => {
    const { url, store } = await fresh();
    const acks = await Promise.all(['a', 'b', 'c', 'd'].map((label) => writer(url, label, 250)));
    expect(acks).toEqual([250, 250, 250, 250]);
    const events = (await store.read('inc-1')) as RecordedEvent[];
    expect(events).toHaveLength(1001);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    const texts = events.slice(1).map((e) => (e.kind === 'note' ? e.data.text : ''));
    expect(new Set(texts).size).toBe(1000);
  }, 30_000);

  it("tells a watcher of its own schema's appends, and not of another irp schema's in the same database", async () => {
    const a = await fresh();
    const b = await fresh();
    const told: string[] = [];
    const stop = await a.store.watch((incident) => told.push(incident));
    try {
      // The other schema: a new incident, and an append to an incident of the same id as this schema's.
      await b.store.create('inc-2', chainEvents('inc-2', undefined, [opened], when));
      await b.store.append('inc-1', b.first.at(-1), chainEvents('inc-1', b.first.at(-1), [note('elsewhere')], when));
      // This schema, afterwards: once it is heard, anything of the other schema's would have been heard before it.
      await a.store.append('inc-1', a.first.at(-1), chainEvents('inc-1', a.first.at(-1), [note('here')], when));
      for (const end = Date.now() + 5_000; told.length === 0 && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(told).toEqual(['inc-1']);
    } finally {
      await stop();
    }
  });

  it('loses nothing when a writer dies mid-transaction: nothing half-written, and the next writer proceeds', async () => {
    const { url, store, first } = await fresh();
    const [head] = first as [RecordedEvent];
    const next = chainEvents('inc-1', head, [note('never committed')], when);
    // A writer takes the incident's lock, writes a row, and its process is killed before it commits.
    const script = `const { Client } = require('pg'); const c = new Client({ connectionString: ${JSON.stringify(url)} });
      c.connect().then(async () => { await c.query('BEGIN'); await c.query("SELECT pg_advisory_xact_lock(hashtextextended('inc-1', 0))");
      await c.query('INSERT INTO irp_events (incident, seq, line, hash) VALUES ($1, $2, $3, $4)', ['inc-1', 2, ${JSON.stringify(serialiseEvent(next[0] as RecordedEvent))}, ${JSON.stringify((next[0] as RecordedEvent).hash)}]);
      process.stdout.write('written\\n'); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ['-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const after = chainEvents('inc-1', head, [note('the next writer')], when);
    await store.append('inc-1', head, after);
    const events = (await store.read('inc-1')) as RecordedEvent[];
    expect(events.map((e) => (e.kind === 'note' ? e.data.text : e.kind))).toEqual(['incident.opened', 'the next writer']);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, and a row that does not follow the chain', async () => {
    const { url, store, first } = await fresh();
    const client = await sql(url);
    for (const statement of ["UPDATE irp_events SET line = 'x'", 'DELETE FROM irp_events', 'TRUNCATE irp_events']) {
      await expect(client.query(statement), statement).rejects.toThrow(/irp records are append-only/);
    }
    const [head] = first as [RecordedEvent];
    const skipping = chainEvents('inc-1', head, [note('a'), note('b')], when)[1] as RecordedEvent;
    await expect(client.query('INSERT INTO irp_events (incident, seq, line, hash) VALUES ($1, $2, $3, $4)', ['inc-1', 3, JSON.stringify(skipping), skipping.hash])).rejects.toThrow(/does not follow event 1/);
    expect((await store.read('inc-1'))?.length).toBe(1);
  });

  it("works for a login with only irp_member's grants (SELECT and INSERT), once it is a person of irp, and not before", async () => {
    const { url, store, first } = await fresh();
    const admin = await sql(url);
    const role = `irp_writer_${Date.now().toString(36)}`;
    await admin.query(`CREATE ROLE ${role} LOGIN IN ROLE irp_member`);
    const limited = new PgIncidentStore(await asLogin(url, role));
    stores.push(limited);
    // A login that is no person of irp reads nothing and appends nothing.
    expect(await limited.read('inc-1')).toBeUndefined();
    await expect(limited.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('not yet')], when))).rejects.toThrow(UserError);
    await admin.query(`INSERT INTO irp_people (login, name, access) VALUES ($1, 'The site team', 'site')`, [role]);
    await limited.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('by the writer role')], when));
    expect((await store.read('inc-1'))?.length).toBe(2);
    expect((await store.provenance('inc-1')).map((row) => [row.seq, row.login, row.person])).toEqual([
      [1, 'postgres', undefined],
      [2, role, 'The site team'],
    ]);
  });

  it('gives a record that, copied out, verifies offline byte for byte', async () => {
    const { url, store, first } = await fresh();
    await store.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('a'), note('b')], when));
    const client = await sql(url);
    const lines = (await client.query<{ line: string }>("SELECT line FROM irp_events WHERE incident = 'inc-1' ORDER BY seq")).rows.map((row) => row.line);
    const stateDir = tempDir();
    mkdirSync(join(stateDir, 'incidents'), { recursive: true });
    writeFileSync(join(stateDir, 'incidents', 'inc-1.jsonl'), `${lines.join('\n')}\n`);
    const verified = await runIrp(['verify', 'inc-1'], { IRP_STATE_DIR: stateDir });
    expect(verified.stdout).toContain('the chain is intact. 3 events');
    expect(verified.code).toBe(0);
  });

  it('says what to do when the schema is missing or newer than this irp, changing nothing', async () => {
    const url = await freshSchemaUrl();
    const missing = await runIrp(['list'], { IRP_STORE: url, IRP_STATE_DIR: tempDir() });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/has no irp schema yet[^]*Create or upgrade it with: irp db migrate --store <the same URL>/) });
    expect((await runIrp(['db', 'migrate'], { IRP_STORE: url, IRP_STATE_DIR: tempDir() })).stdout).toContain('applied schema versions 1, 2');
    const client = await sql(url);
    await client.query('INSERT INTO irp_schema (version) VALUES (99)');
    const newer = await runIrp(['list'], { IRP_STORE: url, IRP_STATE_DIR: tempDir() });
    expect(newer).toMatchObject({ code: 2, stderr: expect.stringContaining('has irp schema 99, made by a newer irp') });
  });
  it("keeps this machine's copy of a record it reads, fetches only what is new, and never believes a copy edited by hand", async () => {
    const { url, store, first } = await fresh();
    await store.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('one'), note('two')], when));
    const cacheDir = tempDir();
    const cached = new PgIncidentStore(url, { cacheDir });
    stores.push(cached);
    const whole = (await store.read('inc-1')) as RecordedEvent[];
    expect(await cached.read('inc-1')).toEqual(whole);
    const copy = readdirSync(cacheDir, { recursive: true }).map(String).find((name) => name.endsWith('inc-1.jsonl')) as string;
    expect(readFileSync(join(cacheDir, copy), 'utf8')).toBe(whole.map((event) => `${serialiseEvent(event)}\n`).join(''));
    // Another writer appends; the copy is caught up from the database.
    const more = chainEvents('inc-1', whole.at(-1), [note('three')], when);
    await store.append('inc-1', whole.at(-1) as RecordedEvent, more);
    expect(await cached.read('inc-1')).toEqual([...whole, ...more]);
    // The copy edited by hand is not believed: the record comes from the database.
    writeFileSync(join(cacheDir, copy), readFileSync(join(cacheDir, copy), 'utf8').replace('"one"', '"ONE"'));
    const fresh_ = new PgIncidentStore(url, { cacheDir });
    stores.push(fresh_);
    const again = (await fresh_.read('inc-1')) as RecordedEvent[];
    expect(again.map((event) => (event.kind === 'note' ? event.data.text : event.kind))).toEqual(['incident.opened', 'one', 'two', 'three']);
  });
});

describe('a shared store that cannot be reached', () => {
  it('is said plainly, with exit 2 and no stack trace, and the password is not shown', async () => {
    const result = await runIrp(['list'], { IRP_STORE: 'postgres://irp:secret-password@127.0.0.1:1/irp', IRP_STATE_DIR: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^irp: The database postgres:\/\/irp@127\.0\.0\.1:1\/irp cannot be used: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('secret-password');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
