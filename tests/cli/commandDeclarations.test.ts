// Each command of the CLI is declared once, in its own module: the shell's parser, --help, the commands' typed
// options and the table that finds a command's code are all made from that one declaration.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { declaredCommands } from '../../src/cli/commandCatalogue.ts';
import { commandModules } from '../../src/cli/commandModules.ts';
import { flagOf } from '../../src/cli/declareCommand.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { repoRoot } from '../helpers/paths.ts';
import { runBuiltIrp, runIrp } from '../helpers/runIrp.ts';

const commandsDir = join(repoRoot, 'src', 'cli', 'commands');

describe('the commands of the CLI', () => {
  it('are each declared once, by a module the list of modules names, and no two by the same words', async () => {
    const declared = await declaredCommands();
    const words = declared.map((command) => command.words.join(' '));
    expect(new Set(words).size).toBe(words.length);
    expect(words).toEqual(expect.arrayContaining(['', 'status', 'org add', 'db person add', 'exercise from-record', 'verify-pack']));
    // Every module that declares a command is in the list (a module left out would be a command --help never shows).
    const declaring = readdirSync(commandsDir).filter((name) => readFileSync(join(commandsDir, name), 'utf8').includes('declareCommand('));
    expect(commandModules.length).toBe(declaring.length);
    // Nothing else names a command: the words of a command appear in its module alone.
    const elsewhere = ['src/cli/program.ts', 'src/cli/runCommand.ts', 'src/cli/commandModules.ts'].map((file) => readFileSync(join(repoRoot, file), 'utf8'));
    for (const text of elsewhere) expect(text).not.toMatch(/'verify-pack'|'from-record'|words: \[/);
  });

  it('has the flags commander reads back under the keys the commands declared', async () => {
    const declared = await declaredCommands();
    const program = buildProgram({ stdout: () => undefined, stderr: () => undefined, env: {} } as never, { exitCode: 0 }, declared);
    const find = (words: readonly string[]) => words.reduce<Command | undefined>((parent, word) => parent?.commands.find((child) => child.name() === word), program);
    for (const command of declared.filter((each) => each.words.length > 0)) {
      const parsed = find(command.words);
      expect(parsed, command.words.join(' ')).toBeDefined();
      const keys = parsed?.options.map((option) => option.attributeName()) ?? [];
      expect(keys, command.words.join(' ')).toEqual(expect.arrayContaining(Object.keys(command.options)));
      for (const key of Object.keys(command.options)) expect(parsed?.options.some((option) => option.long === flagOf(key))).toBe(true);
    }
    // Every group a command's words make (`irp db`, `irp db org` …) says in --help what it is for.
    const groups = (parent: Command): Command[] => parent.commands.filter((child) => child.commands.length > 0).flatMap((child) => [child, ...groups(child)]);
    expect(groups(program).map((group) => group.name())).toEqual(['db', 'org', 'person', 'org', 'notice', 'exercise']);
    for (const group of groups(program)) expect(group.description(), group.name()).not.toBe('');
  });

  it('reaches the module that declared it, with typed options parsed from the line (source and built alike)', async () => {
    const bad = await runIrp(['org', 'add', 'inc-x', '--id', 'a']);
    expect([bad.code, bad.stderr]).toEqual([2, "irp: required option '--name <text>' not specified\n(irp org add --help lists its arguments and options)\n"]);
    // A mistake in a group's words points at that group's help.
    const unknown = await runIrp(['db', 'person', 'frob']);
    expect([unknown.code, unknown.stderr]).toEqual([2, "irp: unknown command 'frob'\n(irp db person --help lists its commands)\n"]);
    const built = runBuiltIrp(['exercise', 'report', '--help']);
    expect(built.code).toBe(0);
    expect(built.stdout.replace(/\s+/g, ' ')).toContain('--format <format> output format (docx and pdf need --out) (choices: "md", "html", "docx", "pdf", "json", default: "md")');
    expect(built.stdout).toContain('--force replace the --out file if it exists'.replace('--force ', '--force            '));
  });

  it('are in the built shell as the modules declare them now (a stale build is caught)', async () => {
    const fromSource = await runIrp(['--help']);
    const fromBuild = runBuiltIrp(['--help']);
    expect(fromBuild.stdout).toBe(fromSource.stdout);
    for (const words of [['status'], ['notify'], ['db', 'person', 'add'], ['org', 'done']]) {
      expect(runBuiltIrp([...words, '--help']).stdout, words.join(' ')).toBe((await runIrp([...words, '--help'])).stdout);
    }
  });
});
