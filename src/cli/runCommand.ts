import type { Command } from 'commander';
import { createContext, type GlobalOptions } from './context.ts';

import check from './commands/check.ts';
import deadlines from './commands/deadlines.ts';
import { exerciseReplay, exerciseReport, exerciseRun } from './commands/exercise.ts';
import replay from './commands/replay.ts';
import notify from './commands/notify.ts';
import role from './commands/role.ts';
import home from './commands/home.ts';
import list from './commands/list.ts';
import log from './commands/log.ts';
import note from './commands/note.ts';
import playbooks from './commands/playbooks.ts';
import run from './commands/run.ts';
import start from './commands/start.ts';
import status from './commands/status.ts';
import step from './commands/step.ts';
import verify from './commands/verify.ts';

type CommandModule = { default: (context: ReturnType<typeof createContext>, args: string[], options: Record<string, unknown>) => Promise<void> };

// Imported statically: this module is itself loaded lazily, and one hop fewer starts a command sooner.
const modules: Record<string, CommandModule['default']> = {
  home,
  run,
  playbooks,
  start,
  list,
  status,
  step,
  check,
  note,
  log,
  verify,
  deadlines,
  notify,
  role,
  replay,
  'exercise run': exerciseRun,
  'exercise replay': exerciseReplay,
  'exercise report': exerciseReport,
};

/** Resolves the context from the parsed options and runs one command module. */
export async function runCommand(name: string, command: Command, args: unknown[]): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const run = modules[name];
  if (!run) throw new Error(`no command module for ${name}`);
  await run(createContext(options), args as string[], options);
}
