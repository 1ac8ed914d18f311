// The incident-room board at 200 incidents on the shared store, with 10 screens following it: how long from an
// entry committed to every screen told, how large the first page is, and what an idle board asks of the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { systemClock } from '../../src/time/clock.ts';
import { builtCli, playbooksDir } from '../helpers/paths.ts';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';

type Row = (area: string, what: string, value: string, note: string) => void;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`.padStart(9);

/** Follows the board's events like a page does; resolves each time a line for `incident` arrives. */
function follow(url: string): { next(incident: string): Promise<number>; close(): void } {
  const controller = new AbortController();
  const waiting = new Map<string, (at: number) => void>();
  void fetch(new URL('/events', url), { signal: controller.signal }).then(async (response) => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (!data) continue;
        const id = (JSON.parse(data) as { id: string }).id;
        waiting.get(id)?.(performance.now());
        waiting.delete(id);
      }
    }
  }).catch(() => undefined);
  return {
    next: (incident) => new Promise((resolve) => waiting.set(incident, resolve)),
    close: () => controller.abort(),
  };
}

export async function benchBoard(row: Row): Promise<void> {
  if (!hasPostgres) {
    console.log('board    skipped: no PostgreSQL server answers (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432)');
    return;
  }
  const url = await freshSchemaUrl();
  const stateDir = mkdtempSync(join(tmpdir(), 'irp-bench-board-'));
  const store = new PgIncidentStore(url);
  await store.migrate();
  const irp = new Irp({ store, catalog: new PlaybookCatalog(playbooksDir, join(stateDir, '.cache', 'playbooks')), clock: systemClock });
  const ids: string[] = [];
  for (let n = 0; n < 200; n += 1) ids.push((await irp.start({ playbook: 'supplier-ransomware', title: `Incident ${n}`, actor: { name: 'Sam Patel' } })).view.id);
  const boardUrl = new URL(url);
  boardUrl.searchParams.set('application_name', 'irp-bench-board');
  const server: ChildProcess = spawn(process.execPath, [builtCli, 'serve', '--port', '0'], { env: { ...process.env, IRP_STORE: boardUrl.toString(), IRP_STATE_DIR: stateDir }, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /Incident board on (\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      server.on('close', () => reject(new Error(`irp serve stopped: ${out}`)));
    });
    const page = await (await fetch(address)).text();
    row('board', 'first page, 200 open incidents', `${(Buffer.byteLength(page) / 1024).toFixed(0)} KB`.padStart(9), '(target < 200 KB)');

    // Idle: the board's connections' last queries, before and after 5 s.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const lastQueries = async () => (await client.query<{ n: string }>("SELECT count(*) FILTER (WHERE query_start > now() - interval '5 seconds') AS n FROM pg_stat_activity WHERE application_name = 'irp-bench-board'")).rows[0]?.n;
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    row('board', 'database queries from an idle board in 5 s', `${await lastQueries()}`.padStart(9), '(connections that ran a query; target 0)');
    await client.end();

    const screens = Array.from({ length: 10 }, () => follow(address));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const delays: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      const id = ids[(n * 37) % ids.length] as string;
      const told = screens.map((screen) => screen.next(id));
      await irp.handover(id, { name: `Commander ${n}` }, { actor: { name: 'Sam Patel' } });
      const committed = performance.now();
      const times = await Promise.all(told);
      delays.push(Math.max(...times) - committed);
    }
    screens.forEach((screen) => screen.close());
    row('board', 'entry committed → every one of 10 screens told', ms(median(delays)), `p50 of 20, 200 incidents (target < 1 s); slowest ${ms(Math.max(...delays)).trim()}`);
  } finally {
    // Gone before its folder is: as it ends, irp keeps what it looked up for the next command (.cache).
    const exited = server.exitCode === null && server.signalCode === null ? new Promise((resolve) => server.once('exit', resolve)) : undefined;
    server.kill('SIGTERM');
    await exited;
    await store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
