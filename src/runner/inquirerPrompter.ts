import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { visible } from '../render/visible.ts';
import { type Option, type Prompter, RunnerCancelled } from './prompter.ts';

/**
 * The terminal: the only module that talks to Inquirer. Ctrl-C in any prompt becomes a {@link RunnerCancelled}.
 * Every text shown (questions, choices, hints) may carry recorded text, so control characters are made visible.
 */
export function inquirerPrompter(streams: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): Prompter {
  const context = { ...(streams.input ? { input: streams.input } : {}), ...(streams.output ? { output: streams.output } : {}), clearPromptOnDone: false };
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new RunnerCancelled('cancelled');
      throw error;
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
    select: (q) =>
      guard(() =>
        select({ message: visible(q.message), choices: toChoices(q.options), pageSize: 15, loop: false, ...(q.default !== undefined ? { default: q.default } : {}) }, context),
      ),
    checkbox: (q) => guard(() => checkbox({ message: visible(q.message), choices: toChoices(q.options), pageSize: 15, loop: false }, context)),
    input: (q) =>
      guard(() =>
        input({ message: visible(q.message), ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, context),
      ),
    confirm: (q) => guard(() => confirm({ message: visible(q.message), ...(q.default !== undefined ? { default: q.default } : {}) }, context)),
  };
}

