import { irpVersion } from './irpVersion.ts';
import { Command, CommanderError, Option } from 'commander';
import { startSandboxWorkerEarly, setSandboxWorkerOnDemand } from '../playbook/sandbox/sandboxWorker.ts';
import type { CliIo } from './cliIo.ts';
import { flagOf, type DeclaredCommand, type OptionSpec } from './declareCommand.ts';

/**
 * The command line: irp's own options, and each command as its module declares it (see declareCommand.ts). A
 * command's module is loaded only when it runs. Options common to every command: --state-dir, --playbooks,
 * --store, --debug.
 */

/** What each group of commands is for (`irp db`, `irp org` …): its commands are declared in their modules. */
const GROUPS: Record<string, string> = {
  db: 'the shared PostgreSQL store',
  'db org': 'the organisations whose people work incidents on the shared store',
  'db person': 'the people of irp: each PostgreSQL login, its name, organisation and access',
  org: "the register of organisations in an incident (a supplier's customers): who is owed what, and what is done",
  notice: 'signed notices between linked incidents: a supplier and each customer',
  exercise: 'tabletop exercises: scenarios with timed injects on a simulated clock',
};

export function buildProgram(io: CliIo, outcome: { exitCode: number }, declared: readonly DeclaredCommand[]): Command {
  const program = new Command('irp')
    .version(irpVersion(), '--version', "irp's version (semantic versioning: see docs/changelog.md)")
    .description('Incident response playbooks: see what to do next, record it, and keep a record investigators can trust.\nRun irp with no command for the interactive runner.')
    .addOption(new Option('--state-dir <dir>', 'where incident records are kept').env('IRP_STATE_DIR'))
    .addOption(new Option('--playbooks <dir>', 'where playbooks are read from').env('IRP_PLAYBOOKS_DIR'))
    .addOption(new Option('--store <url>', 'a shared store: postgres://user@host/db (default: the files under --state-dir)').env('IRP_STORE'))
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .showHelpAfterError('(run irp --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text.replace(/^error: /, 'irp: ')) });
  program.addHelpText(
    'after',
    `
Times (--aware-at, --at): now, 09:12 (today, London time), -15m, -1h30m, 2022-08-04 07:00 (London), or ISO 8601.\nAn entry dated more than 15 minutes ago needs --reason "why it is entered late".
Exit codes: 0 success, 2 a problem with what was asked (nothing recorded), 1 an internal error.`,
  );

  const run = (command: DeclaredCommand) =>
    async function (this: Command, ...args: unknown[]) {
      // The sandbox that runs playbooks' code starts while the commands load (see sandboxWorker.ts).
      setSandboxWorkerOnDemand(command.sandbox === 'on-demand');
      if (command.sandbox !== 'on-demand') startSandboxWorkerEarly();
      const { loadCommands } = await import('./loadCommands.ts');
      const runCommand = await loadCommands();
      outcome.exitCode = await runCommand(command, this, args.slice(0, -2), io);
    };

  const home = declared.find((command) => command.words.length === 0);
  program.allowExcessArguments(true).action(async function (this: Command) {
    if (this.args.length > 0) {
      io.stderr(`irp: unknown command '${this.args[0]}'\n(run irp --help for usage)\n`);
      throw new CommanderError(2, 'commander.unknownCommand', `unknown command '${this.args[0]}'`);
    }
    if (home) await run(home).call(this);
  });

  for (const command of declared) if (command.words.length > 0) addCommand(program, command).action(run(command));
  return program;
}

/** The command's place under its group (`irp org` for `org add`), made when first needed. */
function parentOf(program: Command, words: readonly string[]): Command {
  let parent = program;
  for (let i = 0; i < words.length - 1; i += 1) {
    const name = words[i] as string;
    const group = words.slice(0, i + 1).join(' ');
    parent = parent.commands.find((child) => child.name() === name) ?? parent.command(name).description(GROUPS[group] ?? '').showHelpAfterError(`(irp ${group} --help lists its commands)`);
  }
  return parent;
}

function addCommand(program: Command, declared: DeclaredCommand): Command {
  const command = parentOf(program, declared.words)
    .command(declared.words[declared.words.length - 1] as string)
    .description(declared.description)
    // A mistake in a command's arguments is answered with where that command's own help is, not irp's whole list.
    .showHelpAfterError(`(irp ${declared.words.join(' ')} --help lists its arguments and options)`);
  for (const argument of declared.arguments) {
    const name = `${argument.name}${argument.variadic ? '...' : ''}`;
    command.argument(argument.optional ? `[${name}]` : `<${name}>`, argument.description);
  }
  for (const [key, spec] of Object.entries(declared.options)) command.addOption(optionOf(key, spec));
  if (declared.time !== undefined) {
    command.option('--at <time>', declared.time);
    command.option('--reason <text>', "why it is entered late (needed when --at is more than the incident's margin, 15 min by default, before now)");
  }
  if (declared.actor) {
    command.addOption(new Option('--actor <name>', 'who is acting (default: your login name)').env('IRP_ACTOR'));
    command.addOption(new Option('--role <role>', "the actor's role id in the playbook (default: its first role)").env('IRP_ROLE'));
  }
  return command;
}

function optionOf(key: string, spec: OptionSpec): Option {
  const value = spec.kind === 'flag' ? '' : spec.kind === 'list' ? ` <${spec.placeholder}...>` : ` <${spec.placeholder}>`;
  const option = new Option(`${flagOf(key)}${value}`, spec.description);
  if (spec.env) option.env(spec.env);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.required) option.makeOptionMandatory();
  return option;
}
