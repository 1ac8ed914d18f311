/** One option of a select or checkbox prompt. `tags` say what the option stands for (events, items, a step). */
export interface Option<V> {
  value: V;
  name: string;
  description?: string;
  /** A reason the option cannot be taken now; it is shown, greyed, in its place, but cannot be chosen. */
  disabled?: string;
  /** The cursor never starts on it (a decision that is confirmed, a menu of more): a reflex Enter must not reach it. */
  avoid?: boolean;
  tags?: readonly string[];
}

/** Checks typed text; returns `true`, or the sentence to show under the prompt. */
export type Validate = (text: string) => true | string;

/** What every question may carry: its name, its words, and a signal that withdraws it (the record changed). */
interface Question {
  key: string;
  message: string;
  signal?: AbortSignal | undefined;
}

/**
 * Everything the runner asks, and nothing else: the interactive terminal and the test double both implement it,
 * so both drive exactly the same runner. `key` names the question (`action`, `payload.customer`, `at`...).
 */
export interface Prompter {
  /** `pageSize`: how many entries are in sight at once (the screen's room for the menu). */
  select<V>(question: Question & { options: ReadonlyArray<Option<V>>; default?: V; pageSize?: number }): Promise<V>;
  checkbox<V>(question: Question & { options: ReadonlyArray<Option<V>> }): Promise<V[]>;
  input(question: Question & { default?: string; validate?: Validate }): Promise<string>;
  confirm(question: Question & { default?: boolean }): Promise<boolean>;
}

/** The commander pressed Ctrl-C (or the terminal went away): stop cleanly, having recorded everything so far. */
export class RunnerCancelled extends Error {
  override readonly name = 'RunnerCancelled';
  /** The incident open when it happened, once the runner knows it (the home menu may not have opened one yet). */
  incident: string | undefined;
}

/** The commander pressed Escape: leave this question, and whatever it was part of, recording nothing. */
export class PromptBack extends Error {
  override readonly name = 'PromptBack';
}

/** The question was withdrawn by its signal (the record changed under it, a timer fell due): show the screen again. */
export class PromptWithdrawn extends Error {
  override readonly name = 'PromptWithdrawn';
}
