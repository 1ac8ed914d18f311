import { createHash } from 'node:crypto';
import { UserError } from '../../errors.ts';
import type { PlaybookUnusable } from '../../problems/problem.ts';
import type { KeptAnswers } from '../../cache/keptAnswers.ts';
import { kitSource } from './kitSource.ts';
import { CAPACITY, MEMORY_LIMIT_MB, sandboxWorkerOnDemand, startSandboxWorker, takeEarlySandboxWorker, type SandboxWorker } from './sandboxWorker.ts';

/**
 * Where playbook code runs: a worker thread with a memory limit, holding a realm per playbook with nothing of irp's
 * in it (see workerSource.ts). irp asks it synchronously and waits a bounded time for each answer; a call that
 * runs out of time or memory stops the worker and is refused, naming the playbook and the function. A later call
 * starts a new worker, which loads the playbooks it needs again.
 *
 * They talk through shared memory alone, for speed (a guard is called for every guarded decision a record replays):
 * the request and the answer are text in two shared buffers, and whose turn it is a number both watch (see TURN).
 */

/** How long loading a playbook (running its top level and describing it) may take. */
export const LOAD_TIME_LIMIT_MS = 10_000;
/** How long one call into a playbook (a guard, an assign, a delay) may take. */
export const CALL_TIME_LIMIT_MS = 2_000;
export { MEMORY_LIMIT_MB } from './sandboxWorker.ts';
/** How long a new worker may take to start, beyond the budget of the first thing asked of it. */
const START_TIME_MS = 5_000;

export interface SandboxBudget {
  loadMs: number;
  callMs: number;
}

/** The names a playbook may import from zod (the stand-in of zod.ts notes them; irp replays them). */
export const SANDBOX_ZOD_NAMES = ['z', 'object', 'string', 'number', 'boolean', 'enum', 'literal', 'array', 'union', 'optional', 'nullable', 'iso', 'int', 'email', 'url', 'uuid', 'record', 'tuple', 'strictObject', 'looseObject'] as const;

/** What each module a playbook may import exports inside the sandbox (the compiler checks imports against it). */
export const SANDBOX_EXPORTS: Record<string, readonly string[]> = {
  xstate: ['setup', 'createMachine', 'assign', 'and', 'or', 'not'],
  zod: ['default', ...SANDBOX_ZOD_NAMES],
  'irp/playbook': ['definePlaybook', 'minutes', 'hours', 'days', 'duty', 'notification', 'field', 'payload'],
};

const KIT = kitSource(SANDBOX_ZOD_NAMES);

/** `control[0]`: whose turn it is. */
const TURN = { starting: 0, idle: 1, asked: 2, answered: 3 } as const;

interface Running extends SandboxWorker {
  loaded: Set<string>;
}

type Request = { op: 'load'; key: string; file: string; code: string; kit: string } | { op: 'call' | 'probe'; key: string; json: string };

class SandboxHost {
  #running: Running | undefined;

  /** Whether a worker is running (or starting) now. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Starts the worker now, without waiting for it, so that it is ready by the time it is first asked. */
  warm(): void {
    this.#worker();
  }

  #worker(): Running {
    if (this.#running) return this.#running;
    this.#running = { ...(takeEarlySandboxWorker() ?? startSandboxWorker()), loaded: new Set() };
    return this.#running;
  }

  /**
   * Sends one request and waits, at most `timeMs` once the worker has started, for its answer: the answer, or why
   * there is none (`budget`: out of time or memory, and the worker stopped; otherwise what the playbook threw).
   */
  ask(request: Request, timeMs: number): { value: string } | { budget: true } | { error: string } {
    const running = this.#worker();
    const { control } = running;
    if (Atomics.load(control, 0) === TURN.starting && Atomics.wait(control, 0, TURN.starting, START_TIME_MS) === 'timed-out') {
      this.#stop();
      return { error: `the sandbox that runs playbooks did not start within ${START_TIME_MS / 1000} s` };
    }
    const text = JSON.stringify(request);
    if (Buffer.byteLength(text) > CAPACITY) return { error: `it is too large to hand to the sandbox (over ${CAPACITY >> 20} MiB)` };
    control[1] = running.request.write(text, 0);
    Atomics.store(control, 0, TURN.asked);
    Atomics.notify(control, 0);
    // A call usually answers within microseconds: look for it for a while (some 100 µs) before sleeping.
    for (let i = 0; i < 20_000 && Atomics.load(control, 0) === TURN.asked; i += 1);
    const deadline = performance.now() + timeMs;
    while (Atomics.load(control, 0) === TURN.asked) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(control, 0, TURN.asked, left) === 'timed-out') {
        this.#stop();
        return { budget: true };
      }
    }
    const answer = running.answer.toString('utf8', 0, control[2]);
    const failed = control[3] === 1;
    Atomics.store(control, 0, TURN.idle);
    return failed ? { error: answer } : { value: answer };
  }

  isLoaded(key: string): boolean {
    return this.#running?.loaded.has(key) ?? false;
  }

  markLoaded(key: string): void {
    this.#running?.loaded.add(key);
  }

  #stop(): void {
    const running = this.#running;
    this.#running = undefined;
    if (running) void running.worker.terminate();
  }
}

const host = new SandboxHost();

/** Whether this process has a worker running playbooks' code now: what `irp log` and the like should not start. */
export function sandboxWorkerRunning(): boolean {
  return host.running;
}

/**
 * The sandboxes asked something since their answers were last kept (a new question, or kept answers used in another
 * order); weakly, so that a process that never keeps them (a library caller, a test) does not hold on to every
 * sandbox it made.
 */
const unkept = new Set<WeakRef<PlaybookSandbox>>();

/**
 * Keeps what playbooks' functions answered in this process, for the next: called by the CLI as a command ends, so
 * that `irp status` after `irp step` finds the answers the step's own status needed and starts no sandbox at all.
 */
export function keepSandboxAnswers(): void {
  for (const sandbox of unkept) sandbox.deref()?.keepAnswers();
  unkept.clear();
}

/** A failure inside a playbook's code, worded for the person who ran irp. */
export class PlaybookCodeError extends UserError {}

let lastFailure: PlaybookCodeError | undefined;

/**
 * The failure of a playbook's code behind an error irp did not expect, once: XState reports a guard that failed as
 * an error of its own, with the failure's message in its text but not the failure itself, so the sandbox keeps the
 * last one it gave out for the edge (the CLI, the runner) to answer with.
 */
export function takePlaybookFailure(): PlaybookCodeError | undefined {
  const failure = lastFailure;
  lastFailure = undefined;
  return failure;
}

const failed = (error: PlaybookCodeError): PlaybookCodeError => (lastFailure = error);

/**
 * One playbook's code in the sandbox: loaded once (its top level run and its default export described as JSON), then
 * asked to run its functions by number. Loading again after the worker was stopped runs the same code again and
 * must describe the same definition.
 */
export class PlaybookSandbox {
  readonly #key: string;
  #description: string | undefined;

  constructor(
    readonly file: string,
    readonly code: string,
    readonly budget: SandboxBudget = { loadMs: LOAD_TIME_LIMIT_MS, callMs: CALL_TIME_LIMIT_MS },
    /** The description a cache kept from an earlier load: a load now must give the same. */
    known?: string,
    /** Where the answers of earlier runs are kept (see keepSandboxAnswers). */
    readonly kept?: KeptAnswers,
  ) {
    this.#key = `${file}\u0000${createHash('sha256').update(code).digest('hex')}`;
    this.#description = known;
    if (known !== undefined && !sandboxWorkerOnDemand()) host.warm();
  }

  /** The playbook's default export, described as JSON (see kitSource.ts); runs its top level if not yet run. */
  describe(): string {
    if (this.#description !== undefined && host.isLoaded(this.#key)) return this.#description;
    const answer = host.ask({ op: 'load', key: this.#key, file: this.file, code: this.code, kit: KIT }, this.budget.loadMs);
    if (!('value' in answer)) {
      throw failed(this.#unusable('budget' in answer ? { kind: 'load-budget', seconds: this.budget.loadMs / 1000, memoryMb: MEMORY_LIMIT_MB } : { kind: 'load-failed', error: answer.error }));
    }
    const description = answer.value;
    if (this.#description !== undefined && description !== this.#description) {
      throw failed(this.#unusable({ kind: 'changed-on-reload' }));
    }
    this.#description = description;
    host.markLoaded(this.#key);
    return description;
  }

  #failure(name: string, answer: { budget: true } | { error: string }): PlaybookCodeError {
    return failed(this.#unusable('budget' in answer ? { kind: 'call-budget', name, seconds: this.budget.callMs / 1000, memoryMb: MEMORY_LIMIT_MB } : { kind: 'call-failed', name, error: answer.error }));
  }

  #unusable(why: PlaybookUnusable): PlaybookCodeError {
    return new PlaybookCodeError({ code: 'playbook-unusable', file: this.file, why });
  }

  /** Calls function `fn` (named `name` in refusals) with JSON arguments; its answer, parsed. */
  call(fn: number, name: string, args: unknown, params: unknown): unknown {
    const json = JSON.stringify({ fn, args, params: params ?? null });
    // A playbook's functions answer from their arguments alone (a replay gives the same incident every time only
    // if they do), so an answer is kept: showing an incident asks the same guards the same questions many times.
    const answers = this.#answered();
    let answer = answers.get(json);
    if (answer !== undefined) {
      // Used again: the most recently used answers are the ones kept.
      answers.delete(json);
      answers.set(json, answer);
    } else {
      this.describe();
      const asked = host.ask({ op: 'call', key: this.#key, json }, this.budget.callMs);
      if (!('value' in asked)) throw this.#failure(name, asked);
      answer = asked.value;
      if (answers.size >= KEPT_ANSWERS) answers.clear();
      answers.set(json, answer);
      this.#unkept = true;
    }
    return (JSON.parse(answer) as { value?: unknown }).value;
  }

  #answers: Map<string, string> | undefined;
  /** Whether answers were given that are not kept yet. */
  #unkept = false;
  /** The questions kept from earlier runs, in the order they were read (see keepAnswers). */
  #keptOrder: string[] = [];

  /** The answers given in this process, and those kept from earlier runs (read when first needed). */
  #answered(): Map<string, string> {
    if (!this.#answers) {
      this.#answers = this.kept?.read() ?? new Map();
      this.#keptOrder = [...this.#answers.keys()];
    }
    if (this.kept && !this.#registered) {
      this.#registered = true;
      unkept.add(new WeakRef(this));
    }
    return this.#answers;
  }

  /** Whether this sandbox is among those whose answers are kept as the command ends (`unkept`). */
  #registered = false;

  /**
   * Keeps this process's answers for later runs (see keepSandboxAnswers): when some are new, or those used were not
   * the most recent kept. A status that asks what the last one asked, in the same order, writes nothing.
   */
  keepAnswers(): void {
    const answers = this.#answers;
    if (!this.kept || !answers) return;
    const order = this.#keptOrder;
    let index = 0;
    const same = !this.#unkept && answers.size === order.length && [...answers.keys()].every((question) => question === order[index++]);
    if (!same) {
      this.kept.write(answers);
      this.#keptOrder = [...answers.keys()];
    }
    this.#unkept = false;
    this.#registered = false;
  }

  /** The context and event properties guard `fn` reads, found by calling it on stand-ins inside the sandbox. */
  probe(fn: number, name: string): { context: string[]; event: string[] } {
    this.describe();
    const answer = host.ask({ op: 'probe', key: this.#key, json: JSON.stringify({ fn }) }, this.budget.callMs);
    if (!('value' in answer)) throw this.#failure(name, answer);
    const reads = JSON.parse(answer.value) as { context?: unknown; event?: unknown };
    const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
    return { context: strings(reads.context), event: strings(reads.event) };
  }
}

/** How many answers of a playbook's functions are kept before they are forgotten (all at once). */
const KEPT_ANSWERS = 10_000;


