/** One option of a select or checkbox prompt. `tags` say what the option stands for (events, items, a step). */
export interface Option<V> {
  value: V;
  name: string;
  description?: string;
  /** A reason the option cannot be taken now; it is shown but cannot be chosen. */
  disabled?: string;
  tags?: readonly string[];
}

/** Checks typed text; returns `true`, or the sentence to show under the prompt. */
export type Validate = (text: string) => true | string;

/**
 * Everything the runner asks, and nothing else: the interactive terminal and the answers file both implement it,
 * so both drive exactly the same runner. `key` names the question (`action`, `payload.customer`, `at`...).
 */
export interface Prompter {
  select<V>(question: { key: string; message: string; options: ReadonlyArray<Option<V>>; default?: V }): Promise<V>;
  checkbox<V>(question: { key: string; message: string; options: ReadonlyArray<Option<V>> }): Promise<V[]>;
  input(question: { key: string; message: string; default?: string; validate?: Validate }): Promise<string>;
  confirm(question: { key: string; message: string; default?: boolean }): Promise<boolean>;
}

/** The commander pressed Ctrl-C (or the terminal went away): stop cleanly, having recorded everything so far. */
export class RunnerCancelled extends Error {
  override readonly name = 'RunnerCancelled';
  /** The incident open when it happened, once the runner knows it (the home menu may not have opened one yet). */
  incident: string | undefined;
}
