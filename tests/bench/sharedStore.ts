// The shared PostgreSQL store against the file store, in the same run: the same records in both, the same commands.
// Run by run.ts after the file store's figures; skipped, saying so, where no PostgreSQL server answers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import type { IncidentStore } from '../../src/store/incidentStore.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { builtCli, playbooksDir } from '../helpers/paths.ts';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { writeIncident } from './fixtures.ts';

type Row = (area: string, what: string, value: string, note: string) => void;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`.padStart(9);

function timeCli(args: string[], env: Record<string, string>): number {
  const start = performance.now();
  execFileSync(process.execPath, [builtCli, ...args], { env: { ...process.env, ...env }, stdio: 'ignore', maxBuffer: 1 << 30 });
  return performance.now() - start;
}

/** A on files, B on PostgreSQL, in turn: the median of each and of the ratios pair by pair. */
function pair(args: string[], files: Record<string, string>, shared: Record<string, string>, runs: number): { files: number; shared: number; ratio: number } {
  timeCli(args, files);
  timeCli(args, shared);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const ta = timeCli(args, files);
    const tb = timeCli(args, shared);
    a.push(ta);
    b.push(tb);
    ratios.push(tb / ta);
  }
  return { files: median(a), shared: median(b), ratio: median(ratios) };
}

/** Durable appends of one note each, one after another, to a 100-event record: appends per second. */
async function appendsPerSecond(store: IncidentStore, id: string, count: number): Promise<number> {
  let last = (await store.read(id))?.at(-1) as RecordedEvent;
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const next = chainEvents(id, last, [{ kind: 'note', data: { text: `append ${i}` }, actor: { name: 'B', role: 'loggist' }, occurredAt: new Date().toISOString() }], new Date());
    await store.append(id, last, next);
    last = next[0] as RecordedEvent;
  }
  return (count * 1000) / (performance.now() - start);
}

export async function benchSharedStore(row: Row): Promise<void> {
  if (!hasPostgres) {
    console.log('shared   skipped: no PostgreSQL server answers (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432)');
    return;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'irp-bench-pg-'));
  // Each store with its own state folder, as a site has: the caches kept there are each store's own.
  const pgStateDir = mkdtempSync(join(tmpdir(), 'irp-bench-pg-cache-'));
  const url = await freshSchemaUrl();
  const files = { IRP_STATE_DIR: stateDir };
  const shared = { IRP_STATE_DIR: pgStateDir, IRP_STORE: url };
  try {
    execFileSync(process.execPath, [builtCli, 'db', 'migrate'], { env: { ...process.env, ...shared }, stdio: 'ignore' });
    const fileStore = new FileIncidentStore(stateDir);
    const pgStore = new PgIncidentStore(url);
    const big = 'inc-20220804-100000';
    const loadStart = performance.now();
    await pgStore.create(big, await writeIncident(stateDir, playbooksDir, big, 100_000));
    row('shared', 'loading 100,000 events into PostgreSQL', ms(performance.now() - loadStart), '(one append of 100,000 rows, every row chain-checked by the database)');
    const status = pair(['status', big], files, shared, 5);
    const verify = pair(['verify', big], files, shared, 3);
    const log = pair(['log', big, '--json'], files, shared, 3);
    row('shared', 'irp status, 100,000 events, PostgreSQL', ms(status.shared), `${status.ratio.toFixed(2)}x the file store (${ms(status.files).trim()}) (target <= 1.5x)`);
    row('shared', 'irp verify, 100,000 events, PostgreSQL', ms(verify.shared), `${verify.ratio.toFixed(2)}x the file store (${ms(verify.files).trim()}) (target <= 1.5x)`);
    row('shared', 'irp log --json, 100,000 events, PostgreSQL', ms(log.shared), `${log.ratio.toFixed(2)}x the file store (${ms(log.files).trim()})`);

    // 50 incidents of 2,000 events each.
    for (let i = 0; i < 50; i += 1) {
      const id = `inc-20220804-m${String(i).padStart(3, '0')}`;
      await pgStore.create(id, await writeIncident(stateDir, playbooksDir, id, 2000));
    }
    const firstList = timeCli(['list'], shared);
    const list = pair(['list'], files, shared, 5);
    const deadlines = pair(['deadlines'], files, shared, 5);
    row('shared', 'irp list, 50 x 2,000 events, PostgreSQL, first', ms(firstList), '(every incident derived once)');
    row('shared', 'irp list, 50 x 2,000 events, PostgreSQL', ms(list.shared), `${list.ratio.toFixed(2)}x the file store (target < 500 ms)`);
    row('shared', 'irp deadlines, 50 x 2,000 events, PostgreSQL', ms(deadlines.shared), `${deadlines.ratio.toFixed(2)}x the file store (target < 500 ms)`);

    await writeIncident(stateDir, playbooksDir, 'inc-20220804-a100', 100);
    await pgStore.create('inc-20220804-a100', (await fileStore.read('inc-20220804-a100')) as RecordedEvent[]);
    const fileRate = await appendsPerSecond(fileStore, 'inc-20220804-a100', 200);
    const pgRate = await appendsPerSecond(pgStore, 'inc-20220804-a100', 200);
    row('shared', 'durable appends per second, PostgreSQL', `${pgRate.toFixed(0)}/s`.padStart(9), `${(fileRate / pgRate).toFixed(2)}x slower than the file store (${fileRate.toFixed(0)}/s) (target <= 2x)`);
    await pgStore.close();
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(pgStateDir, { recursive: true, force: true });
  }
}
