// `npm run bench`: every performance target of irp, each measured in this run and printed beside what it is compared
// with, as a ratio. Figures are printed, never asserted: quote them in notes. Whole-process figures are medians of
// several runs of the built CLI; in-process figures are medians of many calls.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// What is measured is the library as shipped (dist/, built by npm run bench); fixtures are made from the sources.
import { openIrp } from 'irp';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { builtCli, playbooksDir } from '../helpers/paths.ts';
import { writeLargeExercise } from './exerciseFixture.ts';
import { writeLargePlaybook } from './lintFixture.ts';
import { writeIncident, writeSupplierIncident } from './fixtures.ts';
import { benchSharedStore } from './sharedStore.ts';
import { benchBoard } from './board.ts';
import { boardIncident } from '../../src/board/boardModel.ts';
import { incidentPage } from '../../src/board/boardHtml.ts';
import { openIrp as openIrpFromSource } from '../../src/index.ts';
import type { IncidentReport } from '../../src/api/irp.ts';
import { urgentClocks } from '../../src/render/renderClocks.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { moreMenu, workstreamMenu } from '../../src/runner/incidentMenus.ts';
import type { RunnerIo } from '../../src/runner/runnerIo.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'irp-bench-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`.padStart(9);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const row = (area: string, what: string, value: string, note: string) => console.log(`${area.padEnd(9)}${what.padEnd(46)}${value}  ${note}`);

function timeProcess(args: string[], runs: number, env: Record<string, string> = {}): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    execFileSync(process.execPath, args, { env: { ...process.env, IRP_STATE_DIR: stateDir, ...env }, stdio: 'ignore', maxBuffer: 1 << 30 });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const irpArgs = (...args: string[]) => [builtCli, ...args];

/**
 * Two commands timed in turn, A B A B …, so that the machine's drift falls on both alike: the median of each, and
 * the median of the ratios A/B pair by pair.
 */
function timePair(a: string[], b: string[], runs: number): { a: number; b: number; ratio: number } {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const ta = timeProcess(a, 1);
    const tb = timeProcess(b, 1);
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

/** One durable append straight to the store, at the end of a record of `size` events. */
async function rawAppend(id: string, runs: number): Promise<number> {
  const store = new FileIncidentStore(stateDir);
  let last = (await store.read(id))?.at(-1) as RecordedEvent;
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const next = chainEvents(id, last, [{ kind: 'note', data: { text: `append ${i}` }, actor: { name: 'B', role: 'loggist' }, occurredAt: new Date().toISOString() }], new Date());
    const start = performance.now();
    await store.append(id, last, next);
    samples.push(performance.now() - start);
    last = next[0] as RecordedEvent;
  }
  return median(samples);
}

/** One note through a long-lived API handle that has the incident derived already: read, decide, append. */
async function handleNote(id: string, runs: number): Promise<number> {
  const irp = openIrp({ stateDir, playbooksDir });
  await irp.status(id);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await irp.note(id, `via the API ${i}`, { actor: { name: 'B', role: 'loggist' } });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/**
 * What the runner does after each entry: record it through a live handle, then make the next screen's parts (the
 * status, the most urgent clocks, the workstreams' menu and the menu behind "More…", which names the register).
 */
async function runnerScreen(id: string, runs: number): Promise<number> {
  const irp = openIrp({ stateDir, playbooksDir });
  await irp.status(id);
  const io = { extension: undefined } as unknown as RunnerIo;
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await irp.note(id, `screen ${i}`, { actor: { name: 'B', role: 'loggist' } });
    const report = (await irp.status(id)) as unknown as IncidentReport;
    const lines = urgentClocks(report.clocks).length + workstreamMenu(report, io).options.length + moreMenu(report, report.view.steps[0]).options.length;
    if (lines < 1) throw new Error('nothing to show');
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Derives from disk in this (warm) process with a fresh handle and no caches: the record read, checked, replayed. */
async function coldDeriveInProcess(id: string, runs: number): Promise<number> {
  await openIrp({ stateDir, playbooksDir }).status(id);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    rmSync(join(stateDir, '.cache', 'verified'), { recursive: true, force: true });
    rmSync(join(stateDir, '.cache', 'derived'), { recursive: true, force: true });
    const fresh = openIrp({ stateDir, playbooksDir });
    const start = performance.now();
    const report = await fresh.status(id);
    samples.push(performance.now() - start);
    if (report.view.events.length < 1) throw new Error('derived nothing');
  }
  return median(samples);
}

/**
 * One guard of the shipped supplier playbook called through its sandbox (a worker thread, JSON each way), each time
 * with new arguments, against the same function written in irp's own realm: milliseconds per call, median of `runs`
 * in batches of 100.
 */
async function guardCall(runs: number): Promise<{ sandboxed: number; direct: number }> {
  const playbook = await new PlaybookCatalog(playbooksDir, join(stateDir, '.cache', 'playbooks')).load('supplier-ransomware');
  const sandboxed = (playbook.machine.implementations.guards as Record<string, (args: unknown, params: unknown) => unknown>).backupsVerifiedClean;
  const direct = ({ context }: { context: { backupsClean: boolean } }) => context.backupsClean;
  // Each call with arguments of its own: irp keeps the answer to a question asked before, and that is not measured.
  let asked = 0;
  const args = () => ({ context: { personalData: 'yes', backupsClean: true, asked: (asked += 1) }, event: { type: 'RESTORED' } });
  const per = (call: () => unknown) => {
    const samples: number[] = [];
    for (let batch = 0; batch < runs / 100; batch += 1) {
      const start = performance.now();
      for (let i = 0; i < 100; i += 1) call();
      samples.push((performance.now() - start) / 100);
    }
    return median(samples);
  };
  sandboxed?.(args(), undefined); // the worker started and the playbook loaded in it
  return { sandboxed: per(() => sandboxed?.(args(), undefined)), direct: per(() => direct(args())) };
}

function coldDerive(id: string, runs: number): { ms: number; peakMiB: number } {
  const script = fileURLToPath(new URL('./deriveCold.mjs', import.meta.url));
  const samples: Array<{ ms: number; peakMiB: number }> = [];
  for (let i = 0; i < runs; i += 1) {
    const out = execFileSync(process.execPath, [script, stateDir, playbooksDir, id], { encoding: 'utf8' });
    samples.push(JSON.parse(out) as { ms: number; peakMiB: number });
  }
  return { ms: median(samples.map((s) => s.ms)), peakMiB: median(samples.map((s) => s.peakMiB)) };
}

try {
  console.log('irp benchmarks (medians; ratios are of figures measured in this run)\n');
  await writeIncident(stateDir, playbooksDir, 'inc-20220804-0100', 100);
  await writeIncident(stateDir, playbooksDir, 'inc-20220804-10000', 10_000);
  await writeIncident(stateDir, playbooksDir, 'inc-20220804-100000', 100_000);

  timeProcess(irpArgs('status', 'inc-20220804-0100'), 1); // compile the playbook, keep a checkpoint
  timeProcess(irpArgs('status', 'inc-20220804-10000'), 1);
  const help = timePair(irpArgs('--help'), ['-e', '0'], 15);
  const status100 = timePair(irpArgs('status', 'inc-20220804-0100'), ['-e', '0'], 15);
  const status10k = timePair(irpArgs('status', 'inc-20220804-10000'), irpArgs('status', 'inc-20220804-0100'), 15);
  const bare = status100.b;
  row('start-up', 'node -e 0', ms(bare), '');
  row('start-up', 'irp --help', ms(help.a), `${help.ratio.toFixed(2)}x node (target <= 1.5x)`);
  row('status', 'irp status, 100 events, warm', ms(status100.a), `${status100.ratio.toFixed(2)}x node (target <= 2x)`);
  row('status', 'irp status, 10,000 events, warm', ms(status10k.a), `${status10k.ratio.toFixed(2)}x the 100-event status (target <= 1.10x)`);

  // One incident, many organisations: a supplier's incident with 500 customers and 5,000 events.
  await writeSupplierIncident(stateDir, playbooksDir, 'inc-20220804-sup500', 500, 5000);
  timeProcess(irpArgs('status', 'inc-20220804-sup500'), 1);
  const statusRegister = timePair(irpArgs('status', 'inc-20220804-sup500'), irpArgs('status', 'inc-20220804-0100'), 15);
  const orgShow = timePair(irpArgs('org', 'show', 'inc-20220804-sup500'), irpArgs('status', 'inc-20220804-0100'), 9);
  row('register', 'irp status, 500 organisations, 5,000 events', ms(statusRegister.a), `${statusRegister.ratio.toFixed(2)}x the 100-event status (target <= 2x)`);
  row('register', 'irp org show, 500 organisations', ms(orgShow.a), `${orgShow.ratio.toFixed(2)}x the 100-event status`);
  const screenSmall = await runnerScreen('inc-20220804-0100', 60);
  const screenLarge = await runnerScreen('inc-20220804-sup500', 60);
  row('register', "runner's screen after an entry, 500 organisations", ms(screenLarge), `${ratio(screenLarge, screenSmall)} the same at 100 events, no register (${ms(screenSmall).trim()})`);
  const page = incidentPage(await boardIncident(openIrpFromSource({ stateDir, playbooksDir }), 'inc-20220804-sup500', new Date()), new Date(), '');
  row('register', "the 500-organisation incident's board page", `${(Buffer.byteLength(page) / 1024).toFixed(0)} KB`.padStart(9), '(target < 300 KB)');

  const raw100 = await rawAppend('inc-20220804-0100', 200);
  const note100k = await handleNote('inc-20220804-100000', 200);
  row('record', 'durable append to the store, 100 events', ms(raw100), '');
  row('record', 'note through a live API handle, 100,000 events', ms(note100k), `${ratio(note100k, raw100)} the raw append at 100 (target <= 3x)`);

  const warm10k = await coldDeriveInProcess('inc-20220804-10000', 9);
  const warm100k = await coldDeriveInProcess('inc-20220804-100000', 3);
  const cold10k = coldDerive('inc-20220804-10000', 5);
  const cold100k = coldDerive('inc-20220804-100000', 3);
  row('derive', '10,000 events, no caches, in a running process', ms(warm10k), 'every line validated, hashed, replayed (target < 120 ms)');
  row('derive', '100,000 events, no caches, in a running process', ms(warm100k), '(target < 1 s)');
  row('derive', '10,000 events, no caches, in a new process', ms(cold10k.ms), `peak ${cold10k.peakMiB.toFixed(0)} MiB`);
  row('derive', '100,000 events, no caches, in a new process', ms(cold100k.ms), `peak ${cold100k.peakMiB.toFixed(0)} MiB (target < 200 MiB)`);

  const big = 'inc-20220804-100000';
  const verifyFull = timeProcess(irpArgs('verify', big), 3);
  timeProcess(irpArgs('note', big, 'one more'), 1, { IRP_ACTOR: 'B' });
  const verifyQuick = timeProcess(irpArgs('verify', big, '--quick'), 5);
  const logHuman = timeProcess(irpArgs('log', big), 3);
  const logJson = timeProcess(irpArgs('log', big, '--json'), 3);
  row('verify', 'irp verify, 100,000 events, every line', ms(verifyFull), '(streams: memory bounded)');
  row('verify', 'irp verify --quick, 100,000 events', ms(verifyQuick), `${ratio(verifyQuick, verifyFull)} the full check`);
  row('log', 'irp log, 100,000 events, human', ms(logHuman), 'printed as read (target < 1 s)');
  row('log', 'irp log --json, 100,000 events', ms(logJson), '(target < 1 s)');

  const many = mkdtempSync(join(tmpdir(), 'irp-bench-many-'));
  for (let i = 0; i < 200; i += 1) await writeIncident(many, playbooksDir, `inc-20220804-${String(i).padStart(4, '0')}`, 30);
  timeProcess(irpArgs('deadlines'), 1, { IRP_STATE_DIR: many });
  const deadlines = timeProcess(irpArgs('deadlines'), 5, { IRP_STATE_DIR: many });
  const list = timeProcess(irpArgs('list'), 5, { IRP_STATE_DIR: many });
  rmSync(many, { recursive: true, force: true });
  row('many', 'irp deadlines, 200 open incidents', ms(deadlines), `${ratio(deadlines, bare)} node (target < 300 ms)`);
  row('many', 'irp list, 200 open incidents', ms(list), `${ratio(list, bare)} node (target < 300 ms)`);

  const lintDir = mkdtempSync(join(tmpdir(), 'irp-bench-lint-'));
  const largePlaybook = writeLargePlaybook(lintDir);
  const lintCold = timeProcess(irpArgs('lint', largePlaybook), 1, { IRP_PLAYBOOKS_DIR: lintDir });
  const lintWarm = timeProcess(irpArgs('lint', largePlaybook), 5, { IRP_PLAYBOOKS_DIR: lintDir });
  rmSync(lintDir, { recursive: true, force: true });
  row('lint', 'irp lint, 200-state playbook, first (compiles)', ms(lintCold), `${ratio(lintCold, bare)} node (target < 1 s)`);
  row('lint', 'irp lint, 200-state playbook, again', ms(lintWarm), `${ratio(lintWarm, bare)} node (target < 1 s)`);

  const guard = await guardCall(2_000);
  row('sandbox', "a playbook's guard, called in its sandbox", `${(guard.sandboxed * 1000).toFixed(0)} us`.padStart(9), `${ratio(guard.sandboxed, guard.direct)} the same guard in irp's realm (${(guard.direct * 1000).toFixed(2)} us); once per guarded decision`);

  const exerciseDir = mkdtempSync(join(tmpdir(), 'irp-bench-exercise-'));
  const bigExercise = writeLargeExercise(exerciseDir, 500, 1000);
  const replaySamples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    execFileSync(process.execPath, irpArgs('exercise', 'replay', bigExercise.scenario, '--answers', bigExercise.answers, '--json'), {
      env: { ...process.env, IRP_STATE_DIR: join(exerciseDir, `state-${i}`) },
      stdio: 'ignore',
    });
    replaySamples.push(performance.now() - start);
  }
  rmSync(exerciseDir, { recursive: true, force: true });
  row('exercise', 'replay: 500 injects, 1,000 decisions', ms(median(replaySamples)), 'whole CLI run, report included (target < 1 s)');

  await benchSharedStore(row);
  await benchBoard(row);
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
