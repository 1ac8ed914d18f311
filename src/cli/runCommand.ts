import type { Command } from 'commander';
import { createContext, type GlobalOptions } from './context.ts';

type CommandModule = { default: (context: ReturnType<typeof createContext>, args: string[], options: Record<string, unknown>) => Promise<void> };

const modules: Record<string, () => Promise<CommandModule>> = {
  playbooks: () => import('./commands/playbooks.ts'),
  start: () => import('./commands/start.ts'),
  list: () => import('./commands/list.ts'),
  status: () => import('./commands/status.ts'),
  step: () => import('./commands/step.ts'),
  check: () => import('./commands/check.ts'),
  note: () => import('./commands/note.ts'),
  log: () => import('./commands/log.ts'),
  verify: () => import('./commands/verify.ts'),
};

/** Resolves the context from the parsed options and runs one command module. */
export async function runCommand(name: string, command: Command, args: unknown[]): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const load = modules[name];
  if (!load) throw new Error(`no command module for ${name}`);
  const module = await load();
  await module.default(createContext(options), args as string[], options);
}
