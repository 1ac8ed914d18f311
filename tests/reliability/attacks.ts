// Attacks on the shared store and the board, for `npm run torture`: each one tried for real (a daily login writing
// straight to the tables, a lock held by someone else, a page elsewhere naming its own host, sockets held open
// without a request, more screens than the board follows) and its refusal or bound checked.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { chainEvents, serialiseEvent } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { builtCli } from '../helpers/paths.ts';
import { asLogin, freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { scratch } from './scratch.ts';

export interface AttackResult {
  attack: string;
  held: boolean;
  what: string;
}

const refused = async (attempt: () => Promise<unknown>, pattern: RegExp): Promise<{ held: boolean; what: string }> => {
  try {
    await attempt();
    return { held: false, what: 'accepted' };
  } catch (error) {
    const message = (error as Error).message;
    return { held: pattern.test(message), what: `refused: ${message.slice(0, 80)}` };
  }
};

export async function databaseAttacks(): Promise<AttackResult[]> {
  if (!hasPostgres) return [];
  const url = await freshSchemaUrl();
  const store = new PgIncidentStore(url);
  await store.migrate();
  const actor = { name: 'Ana', role: 'lead' };
  const when = new Date('2022-08-04T09:00:00Z');
  const opened: NewEvent = { kind: 'incident.opened', data: { title: 'Attacked', awareAt: when.toISOString(), playbook: { id: 'p', version: '1.0.0', sourceHash: 'a'.repeat(64) } }, actor, occurredAt: when.toISOString() };
  const first = chainEvents('inc-1', undefined, [opened], when);
  await store.create('inc-1', first);
  const login = `daily_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE ROLE ${login} LOGIN IN ROLE irp_member`);
  await admin.query(`INSERT INTO irp_people (login, name, access) VALUES ($1, 'Ana', 'site')`, [login]);
  const daily = new pg.Client({ connectionString: await asLogin(url, login) });
  await daily.connect();
  const [next] = chainEvents('inc-1', first[0], [{ kind: 'note', data: { text: 'a real note' }, actor, occurredAt: when.toISOString() }], when) as [RecordedEvent];
  const insert = (line: string, hash: string) => daily.query('INSERT INTO irp_events (incident, seq, line, hash) VALUES ($1, 2, $2, $3)', ['inc-1', line, hash]);
  const results: AttackResult[] = [];
  const tried = async (attack: string, attempt: () => Promise<unknown>, pattern: RegExp) => results.push({ attack, ...(await refused(attempt, pattern)) });
  await tried('a line whose hash column matches but whose bytes do not hash to it', () => insert(serialiseEvent(next).replace('a real note', 'a forged note'), next.hash), /does not hash to its hash/);
  await tried('a row that is not an irp event', () => insert(JSON.stringify({ seq: 2, hash: next.hash, prevHash: next.prevHash }), next.hash), /not an irp event/);
  await tried('junk in the seals', () => daily.query(`INSERT INTO irp_seals (incident, n, seal) VALUES ('inc-1', 1, '{"junk": true}')`), /not a seal irp wrote/);
  await tried('schema version 99 from a daily login', () => daily.query('INSERT INTO irp_schema (version) VALUES (99)'), /permission denied|only the role that migrates/);
  await daily.end();

  // A lock held by another login: the writer is stopped within the bound and its note never committed later.
  const env = { IRP_STORE: url, IRP_STATE_DIR: scratch('irp-attack-'), IRP_ACTOR: 'Sam Patel', IRP_NOW: '2022-08-04T09:30:00+01:00' };
  const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'Held', '--aware-at', '07:00', '--json'], env)).stdout).id as string;
  await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [id]);
  const started = Date.now();
  const waited = await runIrp(['note', id, 'waiting for the lock'], env);
  const seconds = (Date.now() - started) / 1000;
  await admin.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [id]);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const later = (await runIrpOk(['log', id, '--json'], env)).stdout.includes('waiting for the lock');
  results.push({ attack: 'an advisory lock held by another login', held: waited.code === 2 && seconds < 10 && !later, what: `exit ${waited.code} after ${seconds.toFixed(1)} s; committed later: ${later ? 'yes' : 'no'}` });
  await admin.end();
  await store.close();
  return results;
}

function request(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

export async function boardAttacks(): Promise<AttackResult[]> {
  const server: ChildProcess = spawn(process.execPath, [builtCli, 'serve', '--port', '0'], { env: { ...process.env, IRP_STATE_DIR: scratch('irp-attack-board-') }, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const address = await new Promise<URL>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /Incident board on (\S+)/.exec(out)?.[1];
        if (found) resolve(new URL(found));
      });
      server.on('close', () => reject(new Error(`irp serve stopped: ${out}`)));
    });
    const port = Number(address.port);
    const results: AttackResult[] = [];
    const rebound = await request(port, 'GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n');
    results.push({ attack: 'DNS rebinding (Host: attacker.example)', held: /^HTTP\/1\.1 421 /.test(rebound), what: rebound.split('\r\n')[0] ?? '' });
    const malformed = await request(port, 'GET //x:y@[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    results.push({ attack: 'an unreadable request target', held: /^HTTP\/1\.1 400 /.test(malformed), what: malformed.split('\r\n')[0] ?? '' });

    // 250 screens following the board: it follows 200 and turns the rest away.
    const screens = await Promise.all(Array.from({ length: 250 }, () => fetch(new URL('/events', address)).then((response) => response.status, () => 0)));
    const followed = screens.filter((status) => status === 200).length;
    results.push({ attack: '250 screens following the board', held: followed <= 200 && screens.includes(503), what: `${followed} followed, ${screens.filter((status) => status === 503).length} turned away (503)` });

    // 600 sockets opened and left silent: at most 400 held, every one closed within 12 s.
    const sockets: Socket[] = [];
    let closed = 0;
    await Promise.all(
      Array.from({ length: 600 }, () =>
        new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve());
          socket.on('close', () => void (closed += 1));
          socket.on('error', () => resolve());
          sockets.push(socket);
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 12_500));
    const open = sockets.length - closed;
    sockets.forEach((socket) => socket.destroy());
    results.push({ attack: '600 silent sockets on loopback', held: open === 0, what: `${open} still open after 12.5 s` });
    return results;
  } finally {
    server.kill('SIGTERM');
  }
}
