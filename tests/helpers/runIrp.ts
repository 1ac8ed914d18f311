import { spawnSync } from 'node:child_process';
import { runCli } from '../../src/cli/cli.ts';
import { builtCli } from './paths.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a test's irp sees: nothing of the developer's own but PATH and HOME, and no colour. */
function environment(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env };
}

/**
 * Runs `irp <args>` in this process through the same entry the executable uses (`runCli`), with no terminal,
 * collecting what it prints and its exit code. The environment is the one given, for the duration of the call
 * (commander reads option defaults such as IRP_STATE_DIR from `process.env`); calls in one file run one at a time.
 */
export async function runIrp(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const saved = process.env;
  process.env = environment(env);
  let stdout = '';
  let stderr = '';
  try {
    const code = await runCli(['node', 'irp', ...args], {
      env: process.env,
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      interactive: false,
    });
    return { code, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

/** Runs `irp ... --json` and parses what it prints, failing loudly if it did not succeed. */
export async function runIrpJson<T = Record<string, unknown>>(args: readonly string[], env: Record<string, string> = {}): Promise<T> {
  const result = await runIrp([...args, '--json'], env);
  if (result.code !== 0) throw new Error(`irp ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Runs a setup step of a test: it must succeed, or the test stops here saying why. */
export async function runIrpOk(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = await runIrp(args, env);
  if (result.code !== 0) throw new Error(`irp ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}

/**
 * Runs the built `irp` as a child process, as a user or a script would: for the smoke tests of the bundle (its
 * start, its exit codes, its streams) and for what only a real process shows (being killed, limits, umask).
 */
export function runBuiltIrp(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8', env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `runBuiltIrp` with `--json`, parsed; it must succeed. */
export function runBuiltIrpJson<T = Record<string, unknown>>(args: readonly string[], env: Record<string, string> = {}): T {
  const result = runBuiltIrp([...args, '--json'], env);
  if (result.code !== 0) throw new Error(`irp ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Text as read, whatever the width it was wrapped to: every run of white space (line breaks included) as one space. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}
