import { isatty } from 'node:tty';

/**
 * What the CLI takes from the process, injected: the environment, the two output streams and whether a person is
 * at a terminal. `main.ts` passes the real process; tests pass strings to collect, and run the same commands in
 * process.
 */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Both stdin and stdout are a terminal: prompts can be shown. */
  readonly interactive: boolean;
}

export const processIo: CliIo = {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // isatty(0), not process.stdin.isTTY: reading that opens stdin as a stream, which a command that asks nothing
  // does not need (a millisecond of every start).
  interactive: isatty(0) && process.stdout.isTTY === true,
};
