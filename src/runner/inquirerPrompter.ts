import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { type Option, type Prompter, RunnerCancelled } from './prompter.ts';

/**
 * The terminal: the only module that talks to Inquirer. Ctrl-C in any prompt becomes a {@link RunnerCancelled}.
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
      name: option.name,
      ...(option.description ? { description: option.description } : {}),
      ...(option.disabled ? { disabled: option.disabled } : {}),
    }));
  return {
    select: (q) =>
      guard(() =>
        select({ message: q.message, choices: toChoices(q.options), pageSize: 15, loop: false, ...(q.default !== undefined ? { default: q.default } : {}) }, context),
      ),
    checkbox: (q) => guard(() => checkbox({ message: q.message, choices: toChoices(q.options), pageSize: 15, loop: false }, context)),
    input: (q) =>
      guard(() =>
        input({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, context),
      ),
    confirm: (q) => guard(() => confirm({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}) }, context)),
  };
}

