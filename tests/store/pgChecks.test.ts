// The database refuses what irp would, whoever sends it: a daily login writing straight to the tables cannot store
// a line that is not an irp event or does not hash to its hash, a seal irp did not write, or a schema version; a
// writer waits at most 5 s for another's turn, and an append given up on is never committed later.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { eventDataSchemas, type NewEvent, type RecordedEvent } from '../../src/record/recordedEvent.ts';
import { chainEvents, serialiseEvent } from '../../src/record/hashChain.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { SCHEMA_3_KINDS } from '../../src/store/pgSchema.ts';
import { asLogin, freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

const when = new Date('2022-08-04T09:00:00Z');
const actor = { name: 'Ana', role: 'lead' };
const clients: pg.Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
});
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  clients.push(client);
  await client.connect();
  return client;
}

describe('the kinds of entry the database accepts', () => {
  it('are every kind irp records (a new kind needs a migration that accepts it)', () => {
    expect([...SCHEMA_3_KINDS].sort()).toEqual(Object.keys(eventDataSchemas).sort());
  });
});

describe.skipIf(skipWithout(hasPostgres, 'a PostgreSQL server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432; .ci/run starts one)'))('the database checks what it stores', () => {
  it('refuses, from a daily login, a line that does not hash to its hash, a line that is no irp event, junk seals and a schema version', async () => {
    const url = await freshSchemaUrl();
    const store = new PgIncidentStore(url);
    await store.migrate();
    const opened: NewEvent = { kind: 'incident.opened', data: { title: 'Checks', awareAt: when.toISOString(), playbook: { id: 'p', version: '1.0.0', sourceHash: 'a'.repeat(64) } }, actor, occurredAt: when.toISOString() };
    const first = chainEvents('inc-1', undefined, [opened], when);
    await store.create('inc-1', first);
    const login = `daily_${randomBytes(3).toString('hex')}`;
    const admin = await connect(url);
    await admin.query(`CREATE ROLE ${login} LOGIN IN ROLE irp_member`);
    await admin.query(`INSERT INTO irp_people (login, name, access) VALUES ($1, 'Ana', 'site')`, [login]);
    const daily = await connect(await asLogin(url, login));

    const [next] = chainEvents('inc-1', first[0], [{ kind: 'note', data: { text: 'a real note' }, actor, occurredAt: when.toISOString() }], when) as [RecordedEvent];
    const insert = (line: string, hash: string) => daily.query('INSERT INTO irp_events (incident, seq, line, hash) VALUES ($1, 2, $2, $3)', ['inc-1', line, hash]);
    // The note's text changed, its hash kept: the hash column matches the line's, but the line does not hash to it.
    await expect(insert(serialiseEvent(next).replace('a real note', 'a forged note'), next.hash)).rejects.toThrow(/does not hash to its hash/);
    // Not an irp event at all.
    await expect(insert(JSON.stringify({ seq: 2, hash: next.hash, prevHash: next.prevHash }), next.hash)).rejects.toThrow(/is not an irp event/);
    await expect(insert('not json', next.hash)).rejects.toThrow(/not JSON|is not an irp event/);
    // The real line is stored.
    await insert(serialiseEvent(next), next.hash);
    expect((await store.read('inc-1'))?.length).toBe(2);

    await expect(daily.query(`INSERT INTO irp_seals (incident, n, seal) VALUES ('inc-1', 1, '{"junk": true}')`)).rejects.toThrow(/not a seal irp wrote/);
    await expect(daily.query('INSERT INTO irp_schema (version) VALUES (99)')).rejects.toThrow(/permission denied|only the role that migrates/);
    // Every irp command still works on the incident.
    expect((await runIrp(['verify', 'inc-1'], { IRP_STORE: url, IRP_STATE_DIR: tempDir() })).code).toBe(0);
    await store.close();
  });

  it('stops a writer that waits over 5 s for an incident held by someone else, saying so, and commits nothing later', async () => {
    const url = await freshSchemaUrl();
    const env = { IRP_STORE: url, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam Patel', IRP_NOW: '2022-08-04T09:30:00+01:00' };
    await runIrpOk(['db', 'migrate'], env);
    const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'Held', '--aware-at', '07:00', '--json'], env)).stdout).id as string;
    const holder = await connect(url);
    await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [id]);
    const started = Date.now();
    const refused = await runIrp(['note', id, 'Waiting for the lock'], env);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("another writer holds the incident's turn");
    expect(refused.stderr).not.toContain('    at ');
    await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [id]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await runIrpOk(['log', id, '--json'], env)).stdout).not.toContain('Waiting for the lock');
  });
});
