// Playbooks that attack irp, for `npm run torture`, each through the built CLI as a user would meet them: every
// known escape from the sandbox at load, in the guards `irp lint` runs and in a decision taken; a guard that never
// returns, a loop queued as a microtask at load, a playbook that fills memory; each must be refused or come to
// nothing, within a bound, and no marker file may appear.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli } from '../helpers/paths.ts';
import { ESCAPES, escapingPlaybook, playbook, playbookFolder } from '../helpers/hostilePlaybooks.ts';
import { scratch } from './scratch.ts';

const tempDir = () => scratch('irp-playbook-attack-');
import type { AttackResult } from './attacks.ts';

const NOW = '2022-08-04T10:00:00+01:00';
/** Well beyond the 10 s load and 2 s call budgets on a busy machine: a run that takes longer has hung. */
const BOUND_MS = 40_000;

function irp(args: string[], env: Record<string, string>) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [builtCli, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: BOUND_MS });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started, hung: run.error !== undefined };
}

export function playbookAttacks(): AttackResult[] {
  const results: AttackResult[] = [];
  for (const [name, expression] of Object.entries(ESCAPES)) {
    const marker = join(tempDir(), `escaped-${name}`);
    const dir = playbookFolder(tempDir(), { 'esc.ts': escapingPlaybook('esc', marker, expression) });
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel', IRP_PLAYBOOKS_DIR: dir };
    const lint = irp(['lint', 'esc'], env);
    const start = irp(['start', 'esc', '--title', 'Escape', '--aware-at', '09:50', '--json'], env);
    const id = start.code === 0 ? (JSON.parse(start.stdout) as { id: string }).id : undefined;
    const step = id ? irp(['step', id, 'GO'], env) : undefined;
    const escaped = existsSync(marker);
    results.push({
      attack: `playbook escape: ${name} (at load, in lint, in a decision)`,
      held: !escaped && !lint.hung && !start.hung && !(step?.hung ?? false),
      what: escaped ? 'REACHED THE PROCESS' : `no marker; lint exit ${lint.code}, start exit ${start.code}, step exit ${step?.code ?? '-'}`,
    });
  }

  const bounded = (attack: string, file: string, text: string, args: (dir: string) => string[], expected: RegExp) => {
    const dir = playbookFolder(tempDir(), { [file]: text });
    const run = irp(args(dir), { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel', IRP_PLAYBOOKS_DIR: dir });
    const said = `${run.stdout}${run.stderr}`;
    results.push({
      attack,
      held: !run.hung && run.code === 2 && expected.test(said) && !said.includes('    at '),
      what: run.hung ? `hung (stopped after ${BOUND_MS / 1000} s)` : `exit ${run.code} after ${(run.ms / 1000).toFixed(1)} s: ${said.trim().split('\n').slice(0, 2).join(' ').slice(0, 90)}`,
    });
  };
  bounded('a guard that never returns, in irp lint', 'spin.ts', playbook('spin', '1', '() => { for (;;) {} }'), () => ['lint', 'spin'], /guard "open" took longer than 2 s/);
  bounded('a guard that never returns, when irp opens an incident', 'spin.ts', playbook('spin', '1', '() => { for (;;) {} }'), () => ['start', 'spin', '--title', 'Spin'], /spin\.ts: guard "open" took longer than 2 s/);
  bounded('a loop queued as a microtask at load', 'micro.ts', playbook('micro', '(Promise.resolve().then(() => { for (;;) {} }), 1)', '() => true'), () => ['lint', 'micro'], /took longer than 10 s to load/);
  bounded('a playbook that fills memory at load', 'hog.ts', playbook('hog', '(() => { const kept = []; for (;;) kept.push(new Array(1e6).fill(1)); })()', '() => true'), () => ['lint', 'hog'], /needed more than 96 MB/);
  bounded('a guard that fills memory', 'hog2.ts', playbook('hog2', '1', '() => { const kept = []; for (;;) kept.push(new Array(1e6).fill(1)); }'), () => ['lint', 'hog2'], /guard "open" took longer than 2 s, or needed more than 96 MB/);
  return results;
}
