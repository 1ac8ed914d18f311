import { invalidInput } from '../../errors.ts';
import { readAnswersFile } from '../../runner/answersFile.ts';
import { inquirerPrompter } from '../../runner/inquirerPrompter.ts';
import { RunnerCancelled } from '../../runner/prompter.ts';
import { runIncident } from '../../runner/runIncident.ts';
import type { RunnerIo } from '../../runner/runnerIo.ts';
import { runAnswers } from '../../runner/runAnswers.ts';
import { plural } from '../../render/text.ts';
import type { CliContext } from '../context.ts';
import { declareCommand, value, incidentArgument } from '../declareCommand.ts';

/** `irp run <incident> [--answers file.yaml]`: walks an incident at the terminal, or from an answers file. */
const run = declareCommand({
  words: ['run'],
  description: 'walk an incident interactively: steps, checklists, decisions (or from an answers file)',
  arguments: [incidentArgument],
  options: { answers: value('file', 'take the answers from a YAML file instead of the keyboard (no terminal needed)') },
  actor: true,
  async run(context, [incident], options) {
    const id = incident;
    if (options.answers !== undefined) return runScripted(context, id, options.answers);
    requireTerminal(context, context.command(`run ${id}`));
    const session = { actor: { ...context.actor } };
    await context.irp.status(id); // an unknown or damaged incident is reported before any prompt
    await interactively(context, `run ${id}`, () => runIncident(context.irp, id, terminalIo(context), session));
  },
});

/** `irp run <incident> --answers file.yaml`: each entry taken as a command, headless, through the one write path. */
async function runScripted(context: CliContext, id: string, path: string): Promise<void> {
  const answers = readAnswersFile(path);
  // An unknown or damaged incident is reported before anything is taken.
  const before = (await context.irp.status(id)).view.events.length;
  await runAnswers(context.irp, id, answers, { actor: context.actor, clock: context.clock });
  const { view } = await context.irp.status(id);
  context.out(`Took ${answers.entries.length === 1 ? '1 entry' : `${answers.entries.length} entries`} from ${path}: ${plural(view.events.length - before, 'event')} recorded.`);
  context.out(view.finished ? `Incident ${id} is finished.` : `Next: ${context.command(`status ${id}`)}`);
}

export function terminalIo(context: CliContext): RunnerIo {
  return {
    prompter: inquirerPrompter(),
    clock: context.clock,
    print: (text, tone) => context.out(text, tone),
    command: context.command,
    // Twice a second while a menu waits: has the record changed, or a timer fallen due? (I/O at the edge.)
    watch: (changed) => {
      const controller = new AbortController();
      let looking = false;
      const timer = setInterval(() => {
        if (looking || controller.signal.aborted) return;
        looking = true;
        changed()
          .then((yes) => {
            if (yes) {
              clearInterval(timer);
              controller.abort();
            }
          })
          .catch(() => undefined) // a look that fails is tried again at the next tick
          .finally(() => {
            looking = false;
          });
      }, 500);
      return { signal: controller.signal, stop: () => clearInterval(timer) };
    },
    // One screen at a time, fitted to the terminal (its size read at each screen: the window may be resized).
    ...(context.interactive
      ? { screen: { size: () => ({ rows: process.stdout.rows || 24, columns: Math.min(process.stdout.columns || 80, 160) }), clear: () => void process.stdout.write('\u001b[H\u001b[2J') } }
      : {}),
    recorded: () => undefined,
    // The runner keeps a refusal on screen itself, until the next action.
    refused: () => undefined,
  };
}

/**
 * Runs the interactive part. However it ends short of a finished incident (Quit, Ctrl-C, the terminal closed), it
 * says that the record is kept and prints the exact command that resumes, in the form this shell accepts.
 * `resume` gives the arguments, or a function of the outcome (an incident opened from the home menu).
 */
export async function interactively(context: CliContext, resume: string | ((outcome: unknown) => string), work: () => Promise<unknown>): Promise<void> {
  let outcome: unknown;
  try {
    outcome = await work();
    if (outcome === 'finished' || outcome === undefined) return;
  } catch (error) {
    if (!(error instanceof RunnerCancelled)) throw error;
    outcome = error.incident;
  }
  const args = typeof resume === 'string' ? resume : resume(outcome);
  context.out(`\nStopped. Everything recorded so far is saved.\nResume with: ${context.command(args)}`);
}

/** Prompts need a terminal; without one, say what to use instead rather than hang or fail. */
export function requireTerminal(context: CliContext, what: string): void {
  if (context.interactive) return;
  throw invalidInput('terminal', 'no-terminal', `${what} needs an interactive terminal (stdin and stdout are not one here). Without a terminal, use "${context.command('status <incident>')}" and "${context.command('step <incident> <EVENT>')}", or "${context.command('run <incident> --answers <file.yaml>')}".`,);
}

export default run;
