// A command that runs no playbook code (irp log, verify, seal …) may still load a playbook for its words; the
// worker that runs playbooks' code is then started only if one of its functions is called after all.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** The catalog and the sandbox as a new process has them: no worker started yet. */
async function freshProcess() {
  vi.resetModules();
  const { PlaybookCatalog } = await import('../../src/playbook/playbookCatalog.ts');
  const sandbox = await import('../../src/playbook/sandbox/playbookSandbox.ts');
  const worker = await import('../../src/playbook/sandbox/sandboxWorker.ts');
  return { PlaybookCatalog, ...sandbox, ...worker };
}

describe('the playbook sandbox, for commands that run no playbook code', () => {
  it('starts its worker only when a function is called, and at once for the other commands', async () => {
    const cache = join(tempDir(), 'cache');
    // A first load describes the playbook in the sandbox, checks it and keeps the description.
    const first = await freshProcess();
    first.setSandboxWorkerOnDemand(false);
    await new first.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware');
    expect(first.sandboxWorkerRunning()).toBe(true);

    // irp log in a new process: the kept description is enough to show the playbook's words.
    const log = await freshProcess();
    log.setSandboxWorkerOnDemand(true);
    const playbook = await new log.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware');
    expect(playbook.steps.size).toBeGreaterThan(10);
    expect(log.sandboxWorkerRunning()).toBe(false);
    // A guard called after all starts it, and answers.
    const guard = (playbook.machine as unknown as { implementations: { guards: Record<string, (args: unknown) => unknown> } }).implementations.guards;
    const [name, check] = Object.entries(guard)[0] as [string, (args: unknown) => unknown];
    expect(typeof check({ context: {}, event: { type: 'X' } }), name).toBe('boolean');
    expect(log.sandboxWorkerRunning()).toBe(true);

    // irp status in a new process: started as soon as the playbook is loaded, to be ready for its guards.
    const status = await freshProcess();
    status.setSandboxWorkerOnDemand(false);
    await new status.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware');
    expect(status.sandboxWorkerRunning()).toBe(true);
  });
});

describe("the playbook sandbox's answers, kept between runs", () => {
  type Guards = Record<string, (args: unknown) => unknown>;
  const guardsOf = (playbook: { machine: unknown }) => (playbook.machine as { implementations: { guards: Guards } }).implementations.guards;
  const question = { context: { backupsClean: true, personalData: 'yes' }, event: { type: 'RESTORED' } };

  it('answer an unchanged question in a new process without starting the worker', async () => {
    const cache = join(tempDir(), 'cache');
    // A command asks a guard, and keeps the answers as it ends.
    const first = await freshProcess();
    first.setSandboxWorkerOnDemand(true);
    const asked = guardsOf(await new first.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware')).backupsVerifiedClean as (args: unknown) => unknown;
    const answer = asked(question);
    expect(first.sandboxWorkerRunning()).toBe(true);
    first.keepSandboxAnswers();

    // irp status in a new process: the same question is answered from what was kept; no worker starts.
    const again = await freshProcess();
    again.setSandboxWorkerOnDemand(true);
    const guards = guardsOf(await new again.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware'));
    expect((guards.backupsVerifiedClean as (args: unknown) => unknown)(question)).toBe(answer);
    expect(again.sandboxWorkerRunning()).toBe(false);
    // A new question is asked of the playbook itself.
    (guards.backupsVerifiedClean as (args: unknown) => unknown)({ ...question, context: { ...question.context, backupsClean: false } });
    expect(again.sandboxWorkerRunning()).toBe(true);
  });

  it('keep those used most recently, however many a long replay asked since, and are not written again for the same questions', async () => {
    const cache = join(tempDir(), 'cache');
    const ask = async (questions: unknown[]) => {
      const run = await freshProcess();
      run.setSandboxWorkerOnDemand(true);
      const guard = guardsOf(await new run.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware')).backupsVerifiedClean as (args: unknown) => unknown;
      const answers = questions.map((asked) => guard(asked));
      run.keepSandboxAnswers();
      return { answers, worker: run.sandboxWorkerRunning() };
    };
    const replayed = Array.from({ length: 400 }, (_, n) => ({ context: { backupsClean: n % 2 === 0, personalData: 'yes', set: `backup set ${n} `.repeat(20) }, event: { type: 'RESTORED' } }));
    // A status asks its question; a replay of a long record then asks 400 others (more than the file keeps), and
    // the status's question again, last.
    const { answers: [answer] } = await ask([question]);
    await ask([...replayed, question]);
    const file = join(cache, readdirSync(cache).find((name) => name.startsWith('answers-')) as string);
    expect(readFileSync(file).length).toBeLessThan(80 * 1024);
    // The next status finds it without starting the worker…
    expect(await ask([question])).toEqual({ answers: [answer], worker: false });
    // …and, asking what the last run asked last, leaves the file as it was.
    const text = readFileSync(file, 'utf8');
    await ask([question]);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('are kept by the CLI as a command ends: irp step leaves what the next irp status asks', async () => {
    const state = tempDir();
    const env = { IRP_STATE_DIR: state, IRP_NOW: '2022-08-04T10:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Kept answers', '--aware-at', '09:50'], env);
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
    const cache = join(state, '.cache', 'playbooks');
    const file = readdirSync(cache).find((name) => name.startsWith('answers-'));
    expect(file).toBeDefined();
    const text = readFileSync(join(cache, file as string), 'utf8');
    const kept = JSON.parse(text) as { mac: string; answers: Array<[string, string]> };
    expect(kept.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(kept.answers.length).toBeGreaterThan(0);
    // irp status then finds every answer it needs: it asks nothing new, so nothing is added to what is kept.
    await runIrpOk(['status', id], env);
    expect(readFileSync(join(cache, file as string), 'utf8')).toBe(text);
    // What it asks, seen by taking the kept answers away: questions, every one of them kept by the step.
    rmSync(join(cache, file as string));
    await runIrpOk(['status', id], env);
    const asked = (JSON.parse(readFileSync(join(cache, file as string), 'utf8')) as { answers: Array<[string, string]> }).answers;
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter(([question]) => !kept.answers.some(([known]) => known === question))).toEqual([]);
  });

  it('ignores kept answers written by hand (their HMAC does not match), and asks the playbook', async () => {
    const cache = join(tempDir(), 'cache');
    const first = await freshProcess();
    first.setSandboxWorkerOnDemand(true);
    const truth = (guardsOf(await new first.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware')).backupsVerifiedClean as (args: unknown) => unknown)(question);
    first.keepSandboxAnswers();
    // Turn the kept answer round, as someone with write access to the state folder but not the user's key would.
    const file = readdirSync(cache).find((name) => name.startsWith('answers-')) as string;
    const kept = readFileSync(join(cache, file), 'utf8');
    const forged = kept.replace(`{\\"value\\":${JSON.stringify(truth)}}`, `{\\"value\\":${JSON.stringify(!truth)}}`);
    expect(forged).not.toBe(kept);
    writeFileSync(join(cache, file), forged);

    const again = await freshProcess();
    again.setSandboxWorkerOnDemand(true);
    const guards = guardsOf(await new again.PlaybookCatalog(playbooksDir, cache).load('supplier-ransomware'));
    expect((guards.backupsVerifiedClean as (args: unknown) => unknown)(question)).toBe(truth);
    expect(again.sandboxWorkerRunning()).toBe(true);
  });
});
