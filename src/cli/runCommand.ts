import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { takePlaybookFailure } from '../playbook/sandbox/playbookSandbox.ts';
import { visible } from '../render/visible.ts';
import { cliHint } from './cliHints.ts';
import { invocation } from './invocation.ts';
import type { CliIo } from './cliIo.ts';
import { commandModules } from './commandModules.ts';
import { createContext, type GlobalOptions } from './context.ts';
import { commandsOf, type DeclaredCommand } from './declareCommand.ts';
import { takeUpKept } from './keptBetweenRuns.ts';

/**
 * Resolves the context from the parsed options and runs one command module, returning its exit code. A problem
 * the user can fix is answered here, inside the commands (which have their own copy of the error classes): its
 * message, made safe for a terminal, then exit code 2. Anything else is a bug, left to `runCli`.
 */
export async function runCommand(declared: Pick<DeclaredCommand, 'module' | 'index' | 'words'>, command: Command, args: unknown[], io: CliIo): Promise<number> {
  const options = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const load = commandModules[declared.module];
  const spec = load ? commandsOf(await load())[declared.index] : undefined;
  if (!spec || spec.words.join(' ') !== declared.words.join(' ')) throw new Error(`no command module for ${declared.words.join(' ')}`);
  takePlaybookFailure();
  try {
    // Inside: what the context reads (IRP_NOW, the login name) can be wrong too.
    const context = createContext(options, io);
    const kept = takeUpKept(context.stateDir);
    try {
      await spec.run(context, args as never, options as never);
    } finally {
      kept.keep();
      await context.store.close?.();
    }
    return context.exitCode;
  } catch (caught) {
    // A playbook's code that failed (out of time, say) inside XState reaches here as XState's own error.
    const error = caught instanceof UserError ? caught : takePlaybookFailure();
    if (!error) throw caught;
    // Messages quote what was typed or recorded: control characters are made visible, never obeyed.
    // The CLI's hint follows the message, or the list under it.
    const hint = cliHint(error.problem, invocation(io.env));
    io.stderr(visible(`irp: ${error.message}${hint && error.details.length === 0 ? ` ${hint}` : ''}\n`));
    for (const line of error.details) io.stderr(visible(`  - ${line}\n`));
    if (hint && error.details.length > 0) io.stderr(visible(`${hint}\n`));
    if (options.debug === true) io.stderr(`${error.stack}\n`);
    return 2;
  }
}
