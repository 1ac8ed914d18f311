import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { visible } from '../render/visible.ts';
import { type Option, PromptBack, type Prompter, PromptWithdrawn, RunnerCancelled } from './prompter.ts';

/**
 * The terminal: the only module that talks to Inquirer. Ctrl-C in any prompt becomes a {@link RunnerCancelled},
 * Escape a {@link PromptBack}, and a question's own signal a {@link PromptWithdrawn}. Every text shown (questions,
 * choices, hints) may carry recorded text, so control characters are made visible.
 */
export function inquirerPrompter(streams: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): Prompter {
  const stream = (streams.input ?? process.stdin) as NodeJS.ReadableStream & { on: NodeJS.EventEmitter['on'] };
  const context = { ...(streams.input ? { input: streams.input } : {}), ...(streams.output ? { output: streams.output } : {}), clearPromptOnDone: false };
  const guard = async <T>(withdrawnBy: AbortSignal | undefined, ask: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const escape = new AbortController();
    const onKey = (_: unknown, key: { name?: string } | undefined) => {
      if (key?.name === 'escape') escape.abort();
    };
    // Inquirer's readline emits the terminal's keys as 'keypress' events on the input; listening adds no reader.
    stream.on('keypress', onKey);
    try {
      return await ask(withdrawnBy ? AbortSignal.any([escape.signal, withdrawnBy]) : escape.signal);
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'ExitPromptError') throw new RunnerCancelled('cancelled');
      if (name === 'AbortPromptError') {
        if (escape.signal.aborted) throw new PromptBack('back');
        if (withdrawnBy?.aborted) throw new PromptWithdrawn('withdrawn');
        throw new RunnerCancelled('cancelled');
      }
      throw error;
    } finally {
      stream.removeListener('keypress', onKey);
    }
  };
  const toChoices = <V>(options: ReadonlyArray<Option<V>>) =>
    options.map((option) => ({
      value: option.value,
      name: visible(option.name),
      ...(option.description ? { description: visible(option.description) } : {}),
      ...(option.disabled ? { disabled: visible(option.disabled) } : {}),
    }));
  return {
    // A greyed entry keeps its place (the arrow keys count it, so the same presses reach the same entries), but
    // the cursor starts on the first entry that can be taken.
    select: (q) =>
      guard(q.signal, (signal) => {
        const start = q.default !== undefined ? q.default : q.options.find((option) => !option.disabled)?.value;
        return select(
          { message: visible(q.message), choices: toChoices(q.options), pageSize: 12, loop: false, ...(start !== undefined ? { default: start } : {}) },
          { ...context, signal },
        );
      }),
    checkbox: (q) => guard(q.signal, (signal) => checkbox({ message: visible(q.message), choices: toChoices(q.options), pageSize: 15, loop: false }, { ...context, signal })),
    input: (q) =>
      guard(q.signal, (signal) =>
        input({ message: visible(q.message), ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, { ...context, signal }),
      ),
    confirm: (q) => guard(q.signal, (signal) => confirm({ message: visible(q.message), ...(q.default !== undefined ? { default: q.default } : {}) }, { ...context, signal })),
  };
}
