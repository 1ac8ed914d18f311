// Crash and concurrency faults against the real file store, through the built CLI and the built library: writers
// killed with SIGKILL at random moments, several writers at once, a lock holder that dies. After each, the record
// must read back whole, its chain unbroken, and every acknowledged append in it exactly once.
import { readdirSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';
import { DamagedRecordError } from '../../src/errors.ts';
import { findChainProblem } from '../../src/record/hashChain.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { builtCli, playbooksDir, repoRoot } from '../helpers/paths.ts';
import { scratch } from './scratch.ts';
import { runBuiltIrp as runIrp, runBuiltIrpJson as runIrpJson } from '../helpers/runIrp.ts';

const writers = join(repoRoot, 'tests/reliability/writers');

export interface FaultTally {
  runs: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  unreadable: number;
  forks: number;
  /** Writers that stopped on an error before their appends were done (not killed by the test). */
  writerFailures: number;
}

export const emptyTally = (): FaultTally => ({ runs: 0, acknowledged: 0, lost: 0, duplicated: 0, unreadable: 0, forks: 0, writerFailures: 0 });

function openIncident(stateDir: string): string {
  return runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Torture', '--actor', 'Torture'], { IRP_STATE_DIR: stateDir }).id;
}

interface Writer {
  child: ChildProcess;
  acks: string[];
  done: Promise<number | null>;
}

function startWriter(kind: 'api' | 'cli', stateDir: string, incident: string, label: string, count: number): Writer {
  const args =
    kind === 'api'
      ? [join(writers, 'apiWriter.mjs'), stateDir, playbooksDir, incident, label, String(count)]
      : [join(writers, 'cliWriter.mjs'), builtCli, incident, label, String(count)];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', IRP_STATE_DIR: stateDir, IRP_PLAYBOOKS_DIR: playbooksDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so that a kill takes the irp it is running too
  });
  const acks: string[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('ack ')) acks.push(line.slice(4));
  });
  child.stderr?.on('data', () => undefined);
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, acks, done };
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Reads the record back and counts what the writers' acknowledgements say must be in it. */
async function audit(stateDir: string, incident: string, acknowledged: readonly string[], tally: FaultTally): Promise<void> {
  tally.acknowledged += acknowledged.length;
  let events: RecordedEvent[];
  try {
    events = ((await new FileIncidentStore(stateDir).read(incident, { full: true })) ?? []) as RecordedEvent[];
  } catch (error) {
    if (error instanceof DamagedRecordError) {
      tally.unreadable += 1;
      tally.lost += acknowledged.length;
      return;
    }
    throw error;
  }
  if (findChainProblem(events)) tally.forks += 1;
  const seen = new Map<string, number>();
  for (const event of events) if (event.kind === 'note') seen.set(event.data.text, (seen.get(event.data.text) ?? 0) + 1);
  for (const text of acknowledged) {
    const count = seen.get(text) ?? 0;
    if (count === 0) tally.lost += 1;
    if (count > 1) tally.duplicated += 1;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `runs` times: a writer (through the CLI or the library) appends notes, and is killed with SIGKILL at a random
 * moment; then the record is audited. A new incident every 25 runs, so that later runs start from a record that
 * earlier kills left behind.
 */
export async function killRuns(kind: 'api' | 'cli', runs: number, random: () => number): Promise<FaultTally> {
  const tally = emptyTally();
  const stateDir = scratch('irp-kill-');
  let incident = openIncident(stateDir);
  const acknowledged: string[] = [];
  for (let run = 0; run < runs; run += 1) {
    if (run > 0 && run % 25 === 0) {
      await audit(stateDir, incident, acknowledged, tally);
      acknowledged.length = 0;
      incident = openIncident(stateDir);
    }
    const writer = startWriter(kind, stateDir, incident, `k${run}`, 1_000);
    // Let it get going, then kill it at a random moment: before, during or after an append.
    const firstAck = Date.now();
    while (writer.acks.length === 0 && Date.now() - firstAck < 5_000) await sleep(2);
    await sleep(Math.floor(random() * (kind === 'cli' ? 400 : 60)));
    killGroup(writer.child);
    await writer.done;
    acknowledged.push(...writer.acks);
    tally.runs += 1;
  }
  await audit(stateDir, incident, acknowledged, tally);
  return tally;
}

/**
 * `count` writers append `appends` notes each to one incident at the same time, through the library; meanwhile a
 * process holds the write lock and is killed, and one more writer is killed mid-run. Everything acknowledged must
 * be in one unbroken chain.
 */
export async function concurrentRun(count: number, appends: number): Promise<FaultTally> {
  const tally = emptyTally();
  const stateDir = scratch('irp-writers-');
  const incident = openIncident(stateDir);
  const record = new FileIncidentStore(stateDir).describe(incident);
  const holder = spawn(process.execPath, [join(writers, 'lockHolder.mjs'), record], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  const all = Array.from({ length: count }, (_, i) => startWriter('api', stateDir, incident, `w${i}`, appends));
  const victim = startWriter('api', stateDir, incident, 'victim', appends);
  await sleep(300);
  holder.kill('SIGKILL'); // the lock holder dies while everyone waits: the kernel releases its lock
  await sleep(700);
  killGroup(victim.child);
  const codes = await Promise.all(all.map((writer) => writer.done));
  await victim.done;
  tally.runs = 1;
  tally.writerFailures = codes.filter((code, i) => code !== 0 || all[i]?.acks.length !== appends).length;
  await audit(stateDir, incident, [...all.flatMap((writer) => writer.acks), ...victim.acks], tally);
  return tally;
}

export interface FullDiskTally {
  /** Whether a small file system could be mounted here (root, and a kernel that allows tmpfs). */
  available: boolean;
  commands: number;
  acknowledged: number;
  refusedClearly: number;
  internalErrors: number;
  lost: number;
  leftovers: string[];
}

/**
 * The state folder on a 64 KiB file system: notes are recorded until the disk is full, then more are tried. Every
 * command must either be acknowledged (exit 0) or refused with "the disk is full" (exit 2); every acknowledged note
 * must be in the record; and no lock, temporary or half-created file may be left behind.
 */
export async function fullDisk(commands: number): Promise<FullDiskTally> {
  const tally: FullDiskTally = { available: false, commands: 0, acknowledged: 0, refusedClearly: 0, internalErrors: 0, lost: 0, leftovers: [] };
  const mountPoint = scratch('irp-fulldisk-');
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mountPoint]).status !== 0) return tally;
  tally.available = true;
  try {
    const stateDir = join(mountPoint, 'state');
    const env = { IRP_STATE_DIR: stateDir, IRP_ACTOR: 'Torture' };
    const incident = runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Full disk'], env).id;
    const acked: string[] = [];
    for (let i = 0; i < commands; i += 1) {
      const text = `note ${i} ${'x'.repeat(1_500)}`;
      const result = runIrp(i % 10 === 9 ? ['start', 'supplier-ransomware', '--title', `more ${i}`] : ['note', incident, text], env);
      tally.commands += 1;
      if (result.code === 0) {
        if (i % 10 !== 9) acked.push(text);
      } else if (result.code === 2 && /disk is full|ENOSPC|EFBIG/.test(result.stderr) && !/\n\s+at /.test(result.stderr)) tally.refusedClearly += 1;
      else tally.internalErrors += 1;
    }
    const events = (await new FileIncidentStore(stateDir).read(incident, { full: true })) ?? [];
    const notes = new Set(events.flatMap((event) => (event.kind === 'note' ? [event.data.text] : [])));
    tally.acknowledged = acked.length;
    tally.lost = acked.filter((text) => !notes.has(text)).length;
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
    const records = new Set((await new FileIncidentStore(stateDir).list()).flatMap((id) => [`${id}.jsonl`, `${id}.jsonl.lock`]));
    tally.leftovers = walk(stateDir).filter((path) => (path.includes(`${join(stateDir, 'incidents')}/`) && !records.has(basename(path))) || path.endsWith('.tmp'));
  } finally {
    spawnSync('umount', [mountPoint]);
  }
  return tally;
}
