// Identity and permissions from the database, against the real server with several logins: each person connects as
// their own PostgreSQL login; the database stamps every row with it, shows each organisation only its own incidents
// and those shared with it, lets a reader read and not write, and verify names an entry whose claimed actor is not
// the person of the login that stored it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { asLogin, freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';


const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.skipIf(skipWithout(hasPostgres, 'a PostgreSQL server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432; .ci/run starts one)'))('people and organisations on the shared store', () => {
  it('shows each organisation its own and shared incidents, lets a reader only read, and has verify name a forged actor', async () => {
    const url = await freshSchemaUrl();
    const owner = { IRP_STORE: url, IRP_STATE_DIR: tempDir() };
    await runIrpOk(['db', 'migrate'], owner);
    const tag = randomBytes(3).toString('hex');
    const alex = `alex_${tag}`;
    const bo = `bo_${tag}`;
    const wall = `board_${tag}`;
    const stranger = `stranger_${tag}`;

    await runIrpOk(['db', 'org', 'add', 'trust-a', '--name', 'Trust A'], owner);
    const added = await runIrpOk(['db', 'org', 'add', 'trust-b', '--name', 'Trust B'], owner);
    expect(added.stdout).toContain("INSERT INTO irp_organisations (id, name) VALUES ('trust-b', 'Trust B');");
    const person = await runIrpOk(['db', 'person', 'add', alex, '--name', 'Alex Reid', '--org', 'trust-a', '--create-login'], owner);
    expect(person.stdout).toContain(`CREATE ROLE "${alex}" LOGIN;`);
    expect(person.stdout).toContain(`GRANT irp_member TO "${alex}";`);
    await runIrpOk(['db', 'person', 'add', bo, '--name', 'Bo Chen', '--org', 'trust-b', '--create-login'], owner);
    await runIrpOk(['db', 'person', 'add', wall, '--name', 'Incident room board', '--reader', '--create-login'], owner);
    // Mistakes are refused in words, changing nothing.
    const twice = await runIrp(['db', 'org', 'add', 'trust-a', '--name', 'Trust A again'], owner);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('it is there already. Nothing was changed.');
    const noOrg = await runIrp(['db', 'person', 'add', `nobody_${tag}`, '--name', 'No One', '--org', 'trust-z'], owner);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('the organisation is not registered');
    const badLogin = await runIrp(['db', 'person', 'add', 'x; DROP TABLE irp_events', '--name', 'x', '--org', 'trust-a'], owner);
    expect(badLogin.code).toBe(2);
    expect(badLogin.stderr).toContain('give the PostgreSQL login name');

    const [alexUrl, boUrl, wallUrl] = [await asLogin(url, alex), await asLogin(url, bo), await asLogin(url, wall)];
    const A = { IRP_STORE: alexUrl, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Alex Reid', IRP_NOW: '2022-08-04T09:00:00+01:00' };
    const B = { IRP_STORE: boUrl, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Bo Chen', IRP_NOW: '2022-08-04T09:00:00+01:00' };
    const board = { IRP_STORE: wallUrl, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Board', IRP_NOW: '2022-08-04T09:00:00+01:00' };
    expect((await runIrpOk(['db', 'whoami'], B)).stdout).toContain(`you are the login ${bo}, Bo Chen, a member of trust-b.`);

    const start = async (env: Record<string, string>, title: string) => JSON.parse((await runIrpOk(['start', 'provider-supplier-outage', '--title', title, '--aware-at', '08:30', '--json'], env)).stdout).id as string;
    const ofA = await start(A, 'Trust A: Adastra down');
    const ofB = await start(B, 'Trust B: Adastra down');

    // Each organisation sees its own; the reader sees both; a login irp does not know sees none, and is told why.
    expect((await runIrpOk(['list'], A)).stdout).toContain(ofA);
    expect((await runIrpOk(['list'], A)).stdout).not.toContain(ofB);
    expect((await runIrpOk(['list'], B)).stdout).not.toContain(ofA);
    const wallList = (await runIrpOk(['list'], board)).stdout;
    expect(wallList).toContain(ofA);
    expect(wallList).toContain(ofB);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${stranger} LOGIN IN ROLE irp_member`);
    } finally {
      await admin.end();
    }
    const strangers = await runIrpOk(['list'], { IRP_STORE: await asLogin(url, stranger), IRP_STATE_DIR: tempDir() });
    expect(flat(strangers.stdout)).toContain(`No incidents you may see in`);
    expect(flat(strangers.stdout)).toContain(`the login ${stranger} is not a person of irp there`);
    const hidden = await runIrp(['status', ofA], B);
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toContain(ofA);

    // B cannot write into A's incident, through irp or around it.
    const intrude = await runIrp(['note', ofA, 'Let me in'], B);
    expect(intrude.code).toBe(2);
    expect(intrude.stderr).toContain(ofA);
    const direct = new pg.Client({ connectionString: boUrl });
    await direct.connect();
    try {
      const line = JSON.stringify({ seq: 2, incident: ofA, kind: 'note', hash: 'f'.repeat(64) });
      await expect(direct.query('INSERT INTO irp_events (incident, seq, line, hash) VALUES ($1, 2, $2, $3)', [ofA, line, 'f'.repeat(64)])).rejects.toThrow(/row-level security|does not follow event 0/); // what B cannot see, B cannot extend
      expect((await direct.query('SELECT count(*)::int AS n FROM irp_events WHERE incident = $1', [ofA])).rows[0].n).toBe(0);
    } finally {
      await direct.end();
    }
    // The reader may read but not append.
    expect((await runIrpOk(['status', ofB], board)).stdout).toContain('Trust B: Adastra down');
    const readerWrites = await runIrp(['note', ofB, 'From the wall'], board);
    expect(readerWrites.code).toBe(2);
    expect(readerWrites.stderr).toContain('a reader only reads');
    expect(readerWrites.stderr).not.toContain('    at ');

    // A shares its incident with Trust B; B then reads and appends to it.
    expect((await runIrpOk(['db', 'share', ofA, '--with', 'trust-b'], A)).stdout).toContain(`SELECT irp_share('${ofA}', 'trust-b');`);
    const notOwner = await runIrp(['db', 'share', ofB, '--with', 'trust-a'], A);
    expect(notOwner.code).toBe(2);
    expect((await runIrpOk(['list'], B)).stdout).toContain(ofA);
    await runIrpOk(['note', ofA, 'Trust B is on paper too'], { ...B, IRP_NOW: '2022-08-04T09:05:00+01:00' });

    // B claims to be A. The database stamped B's login: the log shows it, and verify names the entry.
    await runIrpOk(['note', ofA, 'Alex says stand down'], { ...B, IRP_ACTOR: 'Alex Reid', IRP_NOW: '2022-08-04T09:06:00+01:00' });
    const log = flat((await runIrpOk(['log', ofA], A)).stdout);
    expect(log).toContain(`stored by the login ${alex} (Alex Reid, Trust A)`);
    expect(log).toContain(`stored by the login ${bo} (Bo Chen, Trust B)`);
    expect(log).toContain(`STORED BY the login ${bo} (Bo Chen, Trust B)`);
    expect(log).toContain('NOT by Alex Reid as it claims');
    const verified = await runIrp(['verify', ofA], A);
    expect(verified.code).toBe(2);
    expect(flat(verified.stderr)).toContain(`NOT AS CLAIMED: event 3 claims to be by Alex Reid, but was stored by the login ${bo}, which is Bo Chen (Trust B).`);
    // B's own incident holds: each entry by the person it names.
    const clean = await runIrp(['verify', ofB], B);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Who made each entry: 1 entry stored by people of irp, each by the person it names.');

    // A takeover on the shared store is recorded with its reason and shown to everyone.
    await runIrpOk(['handover', ofA, 'Bo Chen', '--takeover', 'Alex is off sick'], { ...B, IRP_NOW: '2022-08-04T09:10:00+01:00' });
    const seen = flat((await runIrpOk(['status', ofA], board)).stdout);
    expect(seen).toContain('In command: Bo Chen (took over from Alex Reid');
    expect(seen).toContain('Alex is off sick');
  });
});
