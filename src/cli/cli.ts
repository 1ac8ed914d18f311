import { CommanderError } from 'commander';
import { visible } from '../render/visible.ts';
import type { CliIo } from './cliIo.ts';
import { buildProgram } from './program.ts';
import { shellCommands } from './shellCommands.ts';

/**
 * Runs one irp command line and returns its exit code: the only place that catches what the commands did not
 * answer and chooses the code. 0 success, 2 a problem with what was asked (nothing recorded), 1 a bug in irp,
 * 130 the person pressed Ctrl-C at a prompt.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome = { exitCode: 0 };
  try {
    await buildProgram(io, outcome, await shellCommands()).parseAsync([...argv]);
    return outcome.exitCode;
  } catch (error) {
    return exitCodeFor(error, io, argv.includes('--debug'));
  }
}

function exitCodeFor(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not errors.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') return 130;
  io.stderr(
    debug
      ? `${(error as Error)?.stack ?? String(error)}\n`
      : `irp: internal error: ${visible((error as Error)?.message ?? String(error))}\n     This is a bug in irp; run again with --debug for details. Nothing more was recorded.\n`,
  );
  return 1;
}
