import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { takePlaybookFailure } from '../playbook/sandbox/playbookSandbox.ts';
import { visible } from '../render/visible.ts';
import { cliHint } from './cliHints.ts';
import { invocation } from './invocation.ts';
import type { CliIo } from './cliIo.ts';
import { createContext, type CliContext, type GlobalOptions } from './context.ts';

type Command_ = (context: CliContext, args: string[], options: Record<string, unknown>) => Promise<void>;

// Each command is loaded only when it runs, so that `irp status` does not pay for the runner's prompts, YAML or
// the exercise modules.
const commands: Record<string, () => Promise<Command_>> = {
  home: async () => (await import('./commands/home.ts')).default,
  run: async () => (await import('./commands/run.ts')).default,
  playbooks: async () => (await import('./commands/playbooks.ts')).default,
  lint: async () => (await import('./commands/lint.ts')).default,
  'db-migrate': async () => (await import('./commands/dbMigrate.ts')).default,
  'db org add': async () => (await import('./commands/db.ts')).dbOrgAdd,
  'db person add': async () => (await import('./commands/db.ts')).dbPersonAdd,
  'db share': async () => (await import('./commands/db.ts')).dbShare,
  'db whoami': async () => (await import('./commands/db.ts')).dbWhoAmI,
  push: async () => (await import('./commands/sync.ts')).push,
  serve: async () => (await import('./commands/serve.ts')).default,
  pull: async () => (await import('./commands/sync.ts')).pull,
  pending: async () => (await import('./commands/pending.ts')).default,
  diagram: async () => (await import('./commands/diagram.ts')).default,
  export: async () => (await import('./commands/export.ts')).default,
  import: async () => (await import('./commands/import.ts')).default,
  start: async () => (await import('./commands/start.ts')).default,
  list: async () => (await import('./commands/list.ts')).default,
  status: async () => (await import('./commands/status.ts')).default,
  step: async () => (await import('./commands/step.ts')).default,
  check: async () => (await import('./commands/check.ts')).default,
  note: async () => (await import('./commands/note.ts')).default,
  log: async () => (await import('./commands/log.ts')).default,
  decisions: async () => (await import('./commands/decisions.ts')).default,
  verify: async () => (await import('./commands/verify.ts')).default,
  seal: async () => (await import('./commands/seal.ts')).default,
  deadlines: async () => (await import('./commands/deadlines.ts')).default,
  notify: async () => (await import('./commands/notify.ts')).default,
  role: async () => (await import('./commands/role.ts')).default,
  handover: async () => (await import('./commands/handover.ts')).default,
  assign: async () => (await import('./commands/assign.ts')).default,
  correct: async () => (await import('./commands/correct.ts')).default,
  aware: async () => (await import('./commands/aware.ts')).default,
  reported: async () => (await import('./commands/reported.ts')).default,
  replay: async () => (await import('./commands/replay.ts')).default,
  assurance: async () => (await import('./commands/assurance.ts')).default,
  'org show': async () => (await import('./commands/org.ts')).orgShow,
  'org load': async () => (await import('./commands/org.ts')).orgLoad,
  'org add': async () => (await import('./commands/org.ts')).orgAdd,
  'org done': async () => (await import('./commands/org.ts')).orgDone,
  'notice export': async () => (await import('./commands/notice.ts')).noticeExport,
  'notice receive': async () => (await import('./commands/notice.ts')).noticeReceive,
  'notice ack': async () => (await import('./commands/notice.ts')).noticeAck,
  'notice pull': async () => (await import('./commands/notice.ts')).noticePull,
  'exercise run': async () => (await import('./commands/exercise.ts')).exerciseRun,
  'exercise replay': async () => (await import('./commands/exercise.ts')).exerciseReplay,
  'exercise compare': async () => (await import('./commands/exercise.ts')).exerciseCompare,
  'exercise from-record': async () => (await import('./commands/fromRecord.ts')).default,
  'exercise report': async () => (await import('./commands/exercise.ts')).exerciseReport,
  print: async () => (await import('./commands/print.ts')).default,
  enter: async () => (await import('./commands/enter.ts')).default,
  pack: async () => (await import('./commands/pack.ts')).pack,
  'verify-pack': async () => (await import('./commands/pack.ts')).verifyPack,
};

/**
 * Resolves the context from the parsed options and runs one command module, returning its exit code. A problem
 * the user can fix is answered here, inside the commands (which have their own copy of the error classes): its
 * message, made safe for a terminal, then exit code 2. Anything else is a bug, left to `runCli`.
 */
export async function runCommand(name: string, command: Command, args: unknown[], io: CliIo): Promise<number> {
  const options = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const load = commands[name];
  if (!load) throw new Error(`no command module for ${name}`);
  const run = await load();
  takePlaybookFailure();
  try {
    // Inside: what the context reads (IRP_NOW, the login name) can be wrong too.
    const context = createContext(options, io);
    try {
      await run(context, args as string[], options);
    } finally {
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
