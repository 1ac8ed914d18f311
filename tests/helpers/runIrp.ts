import { spawnSync } from 'node:child_process';
import { builtCli } from './paths.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `irp` as a child process, as a user or a script would, with no terminal. */
export function runIrp(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [builtCli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `irp ... --json` and parses what it prints, failing loudly if it did not succeed. */
export function runIrpJson<T = Record<string, unknown>>(args: readonly string[], env: Record<string, string> = {}): T {
  const result = runIrp([...args, '--json'], env);
  if (result.code !== 0) throw new Error(`irp ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Runs a setup step of a test: it must succeed, or the test stops here saying why. */
export function runIrpOk(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = runIrp(args, env);
  if (result.code !== 0) throw new Error(`irp ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}
