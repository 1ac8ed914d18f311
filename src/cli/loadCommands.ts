import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './codeCache.ts';

/** Set by the build to the name of the bundled commands file beside the CLI; absent when running from source. */
declare const IRP_COMMANDS_FILE: string | undefined;

type RunCommand = typeof import('./runCommand.ts').runCommand;

/**
 * Loads the commands. Built, they are one CommonJS file run through V8 with a code cache (see codeCache.ts); from
 * source, a plain import.
 */
export async function loadCommands(): Promise<RunCommand> {
  if (typeof IRP_COMMANDS_FILE === 'undefined') return (await import('./runCommand.ts')).runCommand;
  const { runCommand } = runWithCodeCache<{ runCommand?: RunCommand }>(join(dirname(fileURLToPath(import.meta.url)), IRP_COMMANDS_FILE));
  if (!runCommand) throw new Error(`${IRP_COMMANDS_FILE} does not export runCommand`);
  return runCommand;
}
