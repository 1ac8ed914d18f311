import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './workerSource.ts';

/** Node's worker_threads, loaded when the first worker starts: a command that needs none does not load it (1 ms). */
const workerThreads = () => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

/** How much memory the worker that runs playbooks may use. */
export const MEMORY_LIMIT_MB = 96;
/** How much text a request or an answer may hold. */
export const CAPACITY = 8 << 20;

/** A started worker and what irp shares with it (see TURN in playbookSandbox.ts). */
export interface SandboxWorker {
  worker: Worker;
  /** [0] the turn, [1] the request's length in bytes, [2] the answer's, [3] 1 if the answer is a failure. */
  control: Int32Array;
  request: Buffer;
  answer: Buffer;
}

/** Starts the worker that runs playbooks' code (some 50 ms until it is ready), without waiting for it. */
export function startSandboxWorker(): SandboxWorker {
  const control = new Int32Array(new SharedArrayBuffer(16));
  const request = new SharedArrayBuffer(CAPACITY);
  const answer = new SharedArrayBuffer(CAPACITY);
  const worker = new (workerThreads().Worker)(WORKER_SOURCE, {
    eval: true,
    workerData: { control, request, answer, capacity: CAPACITY },
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    env: {},
    stdout: true,
    stderr: true,
  });
  worker.unref();
  // A worker stopped for its budget, or out of memory, says so here; the refusal is made where it was asked.
  worker.on('error', () => undefined);
  return { worker, control, request: Buffer.from(request), answer: Buffer.from(answer) };
}

/**
 * The built CLI is two files (a small shell, then every command), each with its own copy of this module: the shell
 * starts the worker as soon as it knows the command will run playbooks, before it loads the commands, and leaves
 * it here for the commands to take.
 */
const EARLY = Symbol.for('irp.playbookSandbox.early');
const ON_DEMAND = Symbol.for('irp.playbookSandbox.onDemand');

/**
 * Whether the worker waits until a playbook's function is called. So it does for a command that runs no playbook
 * code (irp log, verify, seal …), which may still load a playbook for its words; otherwise it starts as soon as a
 * playbook is loaded, to be ready for its guards.
 */
export function setSandboxWorkerOnDemand(onDemand: boolean): void {
  (globalThis as Record<symbol, unknown>)[ON_DEMAND] = onDemand;
}

export function sandboxWorkerOnDemand(): boolean {
  return (globalThis as Record<symbol, unknown>)[ON_DEMAND] === true;
}

export function startSandboxWorkerEarly(): void {
  const shared = globalThis as Record<symbol, unknown>;
  shared[EARLY] ??= startSandboxWorker();
}

export function takeEarlySandboxWorker(): SandboxWorker | undefined {
  const shared = globalThis as Record<symbol, unknown>;
  const early = shared[EARLY] as SandboxWorker | undefined;
  delete shared[EARLY];
  return early;
}
