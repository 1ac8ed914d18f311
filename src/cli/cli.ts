import { CommanderError } from 'commander';
import { visible } from '../render/visible.ts';
import type { CliIo } from './cliIo.ts';
import { buildProgram } from './program.ts';
import { shellCommands } from './shellCommands.ts';
import type { DeclaredCommand } from './declareCommand.ts';

/**
 * Runs one irp command line and returns its exit code: the only place that catches what the commands did not
 * answer and chooses the code. 0 success, 2 a problem with what was asked (nothing recorded), 1 a bug in irp,
 * 130 the person pressed Ctrl-C at a prompt.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome = { exitCode: 0 };
  try {
    const declared = await shellCommands();
    await buildProgram(io, outcome, commandsFor(argv.slice(2), declared)).parseAsync([...argv]);
    return outcome.exitCode;
  } catch (error) {
    return exitCodeFor(error, io, argv.includes('--debug'));
  }
}

/**
 * The commands the program needs to parse this line: the one it names, when it starts with a command's words and
 * asks for no help (a line typed for a command, nearly every time); every command otherwise, for help, an unknown
 * command or options before the command.
 */
function commandsFor(args: readonly string[], declared: readonly DeclaredCommand[]): readonly DeclaredCommand[] {
  if (args.some((arg) => arg === '--help' || arg === '-h')) return declared;
  const named = declared.filter((command) => command.words.length > 0 && command.words.every((word, i) => args[i] === word));
  const longest = named.sort((a, b) => b.words.length - a.words.length)[0];
  return longest ? [longest] : declared;
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
