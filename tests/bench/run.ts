// `npm run bench`: start-up time of the built CLI, cost of one durable append at 100 and 10,000 events, and the
// time to re-derive a 10,000-event incident from disk. Figures are printed, not asserted: quote them in notes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIrp } from '../../src/index.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { builtCli, playbooksDir } from '../helpers/paths.ts';
import { writeLargeExercise } from './exerciseFixture.ts';
import { writeIncident } from './fixtures.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'irp-bench-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(2)} ms`;

function timeProcess(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    execFileSync(process.execPath, args, { env: { ...process.env, IRP_STATE_DIR: stateDir }, stdio: 'ignore' });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function timeAppends(size: number, runs: number): Promise<{ append: number; command: number }> {
  const id = `bench-${size}`;
  const store = new FileIncidentStore(stateDir);
  const events = await writeIncident(stateDir, playbooksDir, id, size);
  let last = events.at(-1) as RecordedEvent;
  const appendSamples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const next = chainEvents(id, last, [{ kind: 'note', data: { text: `append ${i}` }, actor: { name: 'B', role: 'loggist' }, occurredAt: new Date().toISOString() }], new Date());
    const start = performance.now();
    await store.append(id, last, next);
    appendSamples.push(performance.now() - start);
    last = next[0] as RecordedEvent;
  }
  const irp = openIrp({ stateDir, playbooksDir });
  const commandSamples: number[] = [];
  for (let i = 0; i < Math.min(runs, 30); i += 1) {
    const start = performance.now();
    await irp.note(id, `via the API ${i}`, { actor: { name: 'B', role: 'loggist' } });
    commandSamples.push(performance.now() - start);
  }
  return { append: median(appendSamples), command: median(commandSamples) };
}

/** Re-derives from disk; `cold` throws away the verified-prefix and checkpoint caches before every run. */
async function timeDerive(size: number, runs: number, cold: boolean): Promise<number> {
  const id = `derive-${size}`;
  if (!existsSync(join(stateDir, 'incidents', `${id}.jsonl`))) await writeIncident(stateDir, playbooksDir, id, size);
  const irp = openIrp({ stateDir, playbooksDir });
  await irp.status(id); // compile the playbook once, as a warm cache would
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (cold) {
      rmSync(join(stateDir, '.cache', 'verified'), { recursive: true, force: true });
      rmSync(join(stateDir, '.cache', 'derived'), { recursive: true, force: true });
    }
    const fresh = openIrp({ stateDir, playbooksDir });
    const start = performance.now();
    const report = await fresh.status(id);
    samples.push(performance.now() - start);
    if (report.view.events.length !== size) throw new Error('derived the wrong number of events');
  }
  return median(samples);
}

try {
  console.log('irp benchmarks (medians)\n');
  const bare = timeProcess(['-e', '0'], 15);
  const help = timeProcess([builtCli, '--help'], 15);
  await writeIncident(stateDir, playbooksDir, 'status-1000', 1000);
  timeProcess([builtCli, 'status', 'status-1000'], 1); // warm the playbook cache
  const status = timeProcess([builtCli, 'status', 'status-1000'], 15);
  console.log(`start-up   node -e 0                        ${ms(bare)}`);
  console.log(`start-up   irp --help                       ${ms(help)}  (${(help / bare).toFixed(2)}x node; target <= 1.5x)`);
  console.log(`start-up   irp status, 1,000-event incident ${ms(status)}  (${(status / bare).toFixed(2)}x node; target <= 2.5x)`);
  await writeIncident(stateDir, playbooksDir, 'log-10000', 10_000);
  timeProcess([builtCli, 'log', 'log-10000'], 1);
  const log = timeProcess([builtCli, 'log', 'log-10000'], 5);
  console.log(`output     irp log, 10,000 events (human)   ${ms(log)}  (${(log / bare).toFixed(2)}x node; every time in London time)`);
  const small = await timeAppends(100, 200);
  const large = await timeAppends(10_000, 200);
  console.log(`record     durable append at 100 events     ${ms(small.append)}`);
  console.log(`record     durable append at 10,000 events  ${ms(large.append)}  (${(large.append / small.append).toFixed(2)}x; target < 2 ms, <= 1.5x)`);
  console.log(`record     whole note command at 100        ${ms(small.command)}  (read, verify, derive, append)`);
  console.log(`record     whole note command at 10,000     ${ms(large.command)}`);
  const exerciseDir = mkdtempSync(join(tmpdir(), 'irp-bench-exercise-'));
  const bigExercise = writeLargeExercise(exerciseDir, 500, 1000);
  const replaySamples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    execFileSync(process.execPath, [builtCli, 'exercise', 'replay', bigExercise.scenario, '--answers', bigExercise.answers, '--json'], {
      env: { ...process.env, IRP_STATE_DIR: join(exerciseDir, `state-${i}`) },
      stdio: 'ignore',
    });
    replaySamples.push(performance.now() - start);
  }
  rmSync(exerciseDir, { recursive: true, force: true });
  console.log(`exercise   replay: 500 injects, 1,000 decisions  ${ms(median(replaySamples))}  (whole CLI run, report included; target < 2 s)`);
  const cold = await timeDerive(10_000, 9, true);
  const warm = await timeDerive(10_000, 9, false);
  console.log(`derive     10,000 events from disk, cold    ${ms(cold)}  (every event validated, hashed, replayed; target < 150 ms)`);
  console.log(`derive     10,000 events from disk, warm    ${ms(warm)}  (verified prefix and checkpoint reused)`);
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
