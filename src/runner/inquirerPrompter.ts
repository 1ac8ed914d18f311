import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { fitLine, wrap } from '../render/text.ts';
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
  // Inquirer does not wrap: a question is wrapped here, at word boundaries, to fit 80 columns after its "? ".
  const question = (message: string) => wrap(visible(message), '', 76);
  // `short` is what stays on the line after the answer ("✔ Playbook Ransomware at…"): it too must fit.
  const toChoices = <V>(options: ReadonlyArray<Option<V>>, message = '') =>
    options.map((option) => ({
      value: option.value,
      name: fitLine(visible(option.name), 74 - (option.disabled ? option.disabled.length + 1 : 0)),
      short: fitLine(visible(option.name), Math.max(76 - (question(message).split('\n').at(-1)?.length ?? 0) - 3, 20)),
      ...(option.description ? { description: wrap(visible(option.description), '', 78) } : {}),
      ...(option.disabled ? { disabled: visible(option.disabled) } : {}),
    }));
  return {
    // A greyed entry keeps its place (the arrow keys count it, so the same presses reach the same entries), but
    // the cursor starts on the first entry that can be taken.
    select: (q) =>
      guard(q.signal, (signal) => {
        const start = q.default !== undefined ? q.default : (q.options.find((option) => !option.disabled && !option.avoid) ?? q.options.find((option) => !option.disabled))?.value;
        return select(
          { message: question(q.message), choices: toChoices(q.options, q.message), pageSize: q.pageSize ?? 12, loop: false, ...(start !== undefined ? { default: start } : {}) },
          { ...context, signal },
        );
      }),
    // After the answer, the line says how many were chosen (the list itself is in what is recorded next).
    checkbox: (q) =>
      guard(q.signal, (signal) =>
        checkbox(
          {
            message: question(q.message),
            choices: toChoices(q.options),
            pageSize: 15,
            loop: false,
            theme: { style: { renderSelectedChoices: (chosen: ReadonlyArray<unknown>) => (chosen.length === 1 ? '1 chosen' : `${chosen.length} chosen`) } },
          },
          { ...context, signal },
        ),
      ),
    input: (q) =>
      guard(q.signal, (signal) =>
        input({ message: question(q.message), ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, { ...context, signal }),
      ),
    confirm: (q) => guard(q.signal, (signal) => confirm({ message: question(q.message), ...(q.default !== undefined ? { default: q.default } : {}) }, { ...context, signal })),
  };
}
