// The shell (built into dist/irp-shell.cjs, which bootstrap.ts runs): the real process's streams and environment
// handed to the CLI, and its answer as the exit code.
// Command modules (and with them xstate, zod and the playbooks) are imported only when a command runs, so
// `irp --help` starts fast.
import { runCli } from './cli.ts';
import { processIo } from './cliIo.ts';

// Output piped into `head` or a closed pager is not an error: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void runCli(process.argv, processIo).then((code) => {
  process.exitCode = code;
});
