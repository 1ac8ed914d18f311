import { UserError } from '../../errors.ts';
import { readAnswersFile } from '../../runner/answersFile.ts';
import { inquirerPrompter } from '../../runner/inquirerPrompter.ts';
import { RunnerCancelled } from '../../runner/prompter.ts';
import { runIncident } from '../../runner/runIncident.ts';
import type { RunnerIo } from '../../runner/runnerIo.ts';
import { runAnswers } from '../../runner/runAnswers.ts';
import { plural } from '../../render/text.ts';
import { loadSettings } from '../../runner/settings.ts';
import type { CliContext } from '../context.ts';

/** `irp run <incident> [--answers file.yaml]`: walks an incident at the terminal, or from an answers file. */
export default async function run(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const id = incident as string;
  if (typeof options.answers === 'string') return runScripted(context, id, options.answers);
  requireTerminal(context, `irp run ${id}`);
  const remembered = await loadSettings(context.stateDir);
  const session = { actor: { name: context.explicitActor ? context.actor.name : (remembered.settings.name ?? context.actor.name), role: context.actor.role ?? remembered.settings.role } };
  await context.irp.status(id); // an unknown or damaged incident is reported before any prompt
  await interactively(context, id, () => runIncident(context.irp, id, terminalIo(context), session));
}

/** `irp run <incident> --answers file.yaml`: each entry taken as a command, headless, through the one write path. */
async function runScripted(context: CliContext, id: string, path: string): Promise<void> {
  const answers = readAnswersFile(path);
  // An unknown or damaged incident is reported before anything is taken.
  const before = (await context.irp.status(id)).view.events.length;
  await runAnswers(context.irp, id, answers, { actor: context.actor, clock: context.clock });
  const { view } = await context.irp.status(id);
  context.out(`Took ${answers.entries.length === 1 ? '1 entry' : `${answers.entries.length} entries`} from ${path}: ${plural(view.events.length - before, 'event')} recorded.`);
  context.out(view.finished ? `Incident ${id} is finished.` : `Next: irp status ${id}`);
}

export function terminalIo(context: CliContext): RunnerIo {
  return {
    prompter: inquirerPrompter(),
    clock: context.clock,
    print: (text) => context.out(text),
    recorded: () => undefined,
    refused: (error) => context.out([`Not recorded: ${error.message}`, ...error.details.map((d) => `  - ${d}`)].join('\n')),
  };
}

/** Runs the interactive part; Ctrl-C ends it cleanly with a word on how to resume. */
export async function interactively(context: CliContext, id: string | undefined, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof RunnerCancelled)) throw error;
    context.out(`\nStopped. Everything recorded so far is saved.\nResume with: ${id ? `irp run ${id}` : "irp"}`);
  }
}

/** Prompts need a terminal; without one, say what to use instead rather than hang or fail. */
export function requireTerminal(context: CliContext, what: string): void {
  if (context.interactive) return;
  throw new UserError(
    `${what} needs an interactive terminal (stdin and stdout are not one here). Without a terminal, use "irp status <incident>" and "irp step <incident> <EVENT>", or "irp run <incident> --answers <file.yaml>".`,
  );
}
