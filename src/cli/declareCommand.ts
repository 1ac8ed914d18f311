import type { CliContext } from './context.ts';

/**
 * How a command of the CLI is declared, once, in its own module: its words (`org add`), what it says in --help, its
 * arguments and options, and the function that runs it, whose arguments and options are typed from the declaration.
 * An option's flag is made from its key (`awareAt` is `--aware-at`), as commander names it back.
 *
 * Declarations are data: the build reads them into the small shell that parses the command line (see
 * .build/bundle.mjs and commandCatalogue.ts), so `irp --help` does not load the commands.
 */

/** An option: a switch, a value, or a list of values. `T` is the type its command reads. */
export interface OptionSpec<T = unknown> {
  kind: 'flag' | 'value' | 'list';
  description: string;
  /** What the value is called in help: `file` in `--out <file>`. */
  placeholder?: string;
  /** The environment variable it is read from when not given. */
  env?: string;
  choices?: readonly string[];
  default?: string;
  required?: boolean;
  /** Only for the types: never set. */
  readonly type?: T;
}

interface ValueMore {
  env?: string;
  choices?: readonly string[];
  default?: string;
  required?: boolean;
}

type Given<M> = M extends { required: true } | { default: string } ? never : undefined;

/** `--name`: on or off. */
export const flag = (description: string): OptionSpec<true | undefined> => ({ kind: 'flag', description });

/** `--name <placeholder>`: one value. */
export const value = <const M extends ValueMore = ValueMore>(placeholder: string, description: string, more?: M): OptionSpec<(M extends { choices: readonly (infer C)[] } ? C : string) | Given<M>> => ({
  kind: 'value',
  placeholder,
  description,
  ...more,
});

/** `--name <placeholder...>`: one value or more. */
export const list = <const M extends Omit<ValueMore, 'choices' | 'default'> = Omit<ValueMore, 'choices' | 'default'>>(placeholder: string, description: string, more?: M): OptionSpec<string[] | Given<M>> => ({
  kind: 'list',
  placeholder,
  description,
  ...more,
});

/** The option most commands have. */
export const jsonOutput = flag('machine-readable output');
export const outFile = value('file', 'write to a file instead of printing');
export const force = flag('replace --out if it exists');

/** An argument: `<incident>`, `[organisation]`, `<files...>`. */
export interface ArgumentSpec {
  name: string;
  description: string;
  optional?: boolean;
  variadic?: boolean;
}

export const argument = (name: string, description: string): { name: string; description: string } => ({ name, description });
export const optionalArgument = (name: string, description: string): { name: string; description: string; optional: true } => ({ name, description, optional: true });
export const variadicArgument = (name: string, description: string): { name: string; description: string; variadic: true } => ({ name, description, variadic: true });
export const optionalVariadicArgument = (name: string, description: string): { name: string; description: string; optional: true; variadic: true } => ({ name, description, optional: true, variadic: true });
export const incidentArgument = argument('incident', 'incident id');

type ArgumentValue<A> = A extends { variadic: true } ? string[] : A extends { optional: true } ? string | undefined : string;
export type ArgumentsOf<A extends readonly ArgumentSpec[]> = { [K in keyof A]: ArgumentValue<A[K]> };
export type OptionsOf<O extends Record<string, OptionSpec>> = { [K in keyof O]?: O[K] extends OptionSpec<infer T> ? Exclude<T, undefined> : never } & {
  [K in keyof O as O[K] extends OptionSpec<infer T> ? (undefined extends T ? never : K) : never]-?: O[K] extends OptionSpec<infer T> ? T : never;
};

/** Who acts (`--actor`, `--role`), for commands that record. */
export interface ActorOptions {
  actor?: string;
  role?: string;
}

/** When it happened and why it is entered late (`--at`, `--reason`), for commands that record. */
export interface TimeOptions {
  at?: string;
  reason?: string;
}

interface Declared {
  /** The words that name it: `['status']`, `['org', 'add']`. */
  words: readonly string[];
  description: string;
  /** `--actor` and `--role`: it records something, by someone. */
  actor?: boolean;
  /** `--at` and `--reason`, with what --at means for this command: it records something that may have happened earlier. */
  time?: string;
  /**
   * When the worker that runs playbooks' code starts: `early`, before the commands load, for a command that asks a
   * playbook's guards (step, check …); `on-demand`, only if a playbook's function is called after all, for one that
   * at most reads a playbook's words (log, verify, list …) or whose questions were most likely answered by the last
   * command (status: the answers are kept between runs, see keptAnswers.ts).
   */
  sandbox?: 'early' | 'on-demand';
}

/** The options a command's code reads: its own, and who and when if it records. */
export type CommandOptions<O extends Record<string, OptionSpec>, Actor, Time> = OptionsOf<O> & (Actor extends true ? ActorOptions : unknown) & (Time extends string ? TimeOptions : unknown);

export interface CommandSpec extends Declared {
  arguments?: readonly ArgumentSpec[];
  options?: Record<string, OptionSpec>;
  run(context: CliContext, args: never, options: never): Promise<void>;
}

/** Declares a command (see the top of this file). */
export function declareCommand<
  const A extends readonly ArgumentSpec[] = [],
  const O extends Record<string, OptionSpec> = Record<never, OptionSpec>,
  const Actor extends boolean = false,
  const Time extends string | undefined = undefined,
>(
  spec: Omit<Declared, 'actor' | 'time'> & {
    actor?: Actor;
    time?: Time;
    arguments?: A;
    options?: O;
    run(context: CliContext, args: ArgumentsOf<A>, options: CommandOptions<O, Actor, Time>): Promise<void>;
  },
): CommandSpec {
  return spec as unknown as CommandSpec;
}

/** What a command module exports: its command, or its commands in the order --help lists them. */
export type CommandModule = { default: CommandSpec | readonly CommandSpec[] };

export const commandsOf = (module: CommandModule): readonly CommandSpec[] => (Array.isArray(module.default) ? module.default : [module.default as CommandSpec]);

/** A command's declaration without its code, as the shell keeps it: where to find the code is `module` and `index`. */
export interface DeclaredCommand extends Declared {
  module: number;
  index: number;
  arguments: ArgumentSpec[];
  options: Record<string, OptionSpec>;
}

/** The flag an option's key stands for: `awareAt` is `--aware-at`. */
export const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
