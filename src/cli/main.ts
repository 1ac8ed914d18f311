#!/usr/bin/env node
// The entry point: the only place that catches errors and chooses the exit code. Command modules (and with them
// xstate, zod and the playbooks) are imported only when a command runs, so `irp --help` starts fast.
import { CommanderError } from 'commander';
import { visible } from '../render/visible.ts';
import { buildProgram } from './program.ts';

const debug = process.argv.includes('--debug');

// Output piped into `head` or a closed pager is not an error: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not errors.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    return 130;
  }
  process.stderr.write(
    debug
      ? `${(error as Error)?.stack ?? String(error)}\n`
      : `irp: internal error: ${visible((error as Error)?.message ?? String(error))}\n     This is a bug in irp; run again with --debug for details. Nothing more was recorded.\n`,
  );
  return 1;
}
