import type { DeclaredCommand } from './declareCommand.ts';

/** Set by the build: the name of the commands file beside the CLI, and every command's declaration read from it. */
declare const IRP_COMMANDS_FILE: string | undefined;
declare const IRP_DECLARED_COMMANDS: DeclaredCommand[];

/**
 * The commands' declarations, for the shell that parses the command line. Built, the build has read them from the
 * command modules into the shell; from source, the modules are loaded to read them.
 */
export async function shellCommands(): Promise<readonly DeclaredCommand[]> {
  if (typeof IRP_COMMANDS_FILE === 'undefined') return (await import('./commandCatalogue.ts')).declaredCommands();
  return IRP_DECLARED_COMMANDS;
}
