import type { UserError } from '../../src/errors.ts';
import { AnswersFileError } from '../../src/runner/answersFileError.ts';
import { type AnswerEntry, type AnswersFile, EXERCISE_OFFSET } from '../../src/runner/answersFile.ts';
import type { Option, Prompter, Validate } from '../../src/runner/prompter.ts';

/**
 * A test double of the prompt module (used by tests that drive the runner itself; answers files in irp are taken
 * headless, see src/runner/runAnswers.ts).
 *
 * Answers the runner's questions from an answers file instead of a keyboard, so a rehearsal or a test goes
 * through exactly the code a commander does. Each entry is one command; an entry that does not fit what the
 * runner offers at that point stops the run with the entry's line (what was recorded before it stays recorded).
 */
export class ScriptedPrompter implements Prompter {
  #index = 0;

  constructor(readonly file: AnswersFile) {}

  /** The runner recorded the current entry: move to the next. */
  advance(): void {
    this.#index += 1;
  }

  /** irp refused the current entry: the run stops there, naming the entry's line. */
  refuse(error: UserError): never {
    if (error instanceof AnswersFileError) throw error; // already names its line
    throw this.#error(`${error.message}${error.details.length ? ` ${error.details.join('; ')}` : ''}`);
  }

  get #entry(): AnswerEntry | undefined {
    return this.file.entries[this.#index];
  }

  /** The entry the runner is working on, or `undefined` when the answers have run out. */
  get current(): AnswerEntry | undefined {
    return this.#entry;
  }

  #error(message: string): AnswersFileError {
    const entry = this.#entry;
    const where = entry ? `${this.file.path} line ${entry.line}` : this.file.path;
    return new AnswersFileError({ code: 'invalid-input', input: where, kind: 'answer-refused', message: `${where}: ${message}` });
  }

  async select<V>(q: { key: string; message: string; options: ReadonlyArray<Option<V>> }): Promise<V> {
    const entry = this.#entry;
    const byName = (name: string) => q.options.find((o) => (o.value as { kind?: string }).kind === name);
    const byTag = (tag: string) => q.options.find((o) => o.tags?.includes(tag));
    const pick = (option: Option<V> | undefined, what: string): V => {
      // What is not on the first menu is under "More…"; in a workstream's own menu, what the entry wants may belong
      // to another workstream: go back and look there.
      if (!option && q.key !== 'more' && byName('more') && ['aware', 'correct', 'note', 'handover', 'assign'].includes(kindOf(entry))) return (byName('more') as Option<V>).value;
      if (!option && q.key === 'action' && byName('back') && !byName('back')?.disabled) return (byName('back') as Option<V>).value;
      if (!option) throw this.#error(`${what} is not offered at this point. Offered: ${offered(q.options)}.`);
      if (option.disabled) throw this.#error(`${what} cannot be taken at this point (${option.disabled.replace(/^\((.*)\)$/, '$1')}).`);
      return option.value;
    };
    if (q.key === 'workstream' || q.key === 'action' || q.key === 'home' || q.key === 'more') {
      if (!entry) return byName('quit') || !byName('more') ? pick(byName('quit'), 'quit') : pick(byName('more'), 'quit');
      if ('decide' in entry) return pick(byTag(entry.decide), entry.decide);
      if ('tick' in entry) return q.key === 'action' ? pick(byName('tick') ?? byTag(entry.tick[0] as string), 'ticking') : pick(byTag(entry.tick[0] as string), `"${entry.tick[0]}"`);
      if ('assign' in entry) return q.key === 'action' || q.key === 'more' ? pick(byName('assign'), 'assign') : pick(byTag(entry.assign.step), `step ${entry.assign.step}`);
      if ('aware' in entry) return pick(byName('aware'), 'recording a moment of awareness');
      if ('correct' in entry) return pick(byName('correct'), 'correcting a fact');
      if ('note' in entry) return pick(byName('note'), 'note');
      return pick(byName('handover'), 'handover');
    }
    if (!entry) throw this.#error(`the runner asked "${q.message}" but the answers have run out`);
    const wanted = this.#valueFor(q.key, entry);
    const option = q.options.find((o) => o.value === wanted || o.tags?.includes(String(wanted)));
    if (!option) throw this.#error(`${q.key.replace('payload.', '')}: "${String(wanted)}" is not one of ${offered(q.options)}.`);
    return option.value;
  }

  async checkbox<V>(q: { key: string; options: ReadonlyArray<Option<V>> }): Promise<V[]> {
    const entry = this.#entry;
    const wanted = entry && 'tick' in entry && q.key === 'ticks' ? entry.tick : ((entry && this.#valueFor(q.key, entry)) as unknown[] | undefined) ?? [];
    return wanted.map((value) => {
      const option = q.options.find((o) => o.value === value || o.tags?.includes(String(value)));
      if (!option) throw this.#error(`"${String(value)}" is not one of ${offered(q.options)}.`);
      return option.value;
    });
  }

  async input(q: { key: string; message: string; default?: string; validate?: Validate }): Promise<string> {
    const entry = this.#entry;
    if (!entry) throw this.#error(`the runner asked "${q.message}" but the answers have run out`);
    // An entry is an instruction given in advance: a confirmation typed in full is given by it.
    if (q.key.startsWith('confirm.')) return 'yes';
    const value = this.#valueFor(q.key, entry);
    const text = value === undefined ? (q.default ?? '') : typeof value === 'boolean' ? (value ? 'yes' : 'no') : Array.isArray(value) ? value.join(', ') : String(value);
    const verdict = q.validate?.(text) ?? true;
    if (verdict !== true) throw this.#error(`${q.key.replace('payload.', '')}: ${verdict}`);
    return text;
  }

  async confirm(q: { key: string; default?: boolean }): Promise<boolean> {
    if (q.key.startsWith('confirm.')) return true;
    const entry = this.#entry;
    const value = entry ? this.#valueFor(q.key, entry) : undefined;
    return value === undefined ? (q.default ?? false) : value === true;
  }

  /** The answer an entry gives to a question, by the question's key. */
  #valueFor(key: string, entry: AnswerEntry): unknown {
    if (key.startsWith('payload.')) {
      if ('correct' in entry) return entry.correct.value;
      return 'decide' in entry ? entry.data?.[key.slice('payload.'.length)] : undefined;
    }
    if (key === 'aware') return 'aware' in entry ? entry.aware : undefined;
    if (key === 'correction') return 'correction' in entry ? entry.correction : undefined;
    if (key === 'correct.fact') return 'correct' in entry ? entry.correct.fact : undefined;
    if (key === 'correct.because') return 'correct' in entry ? entry.correct.because : undefined;
    // An offset (`+45m`) says when, on an exercise's clock, the entry is taken: it is recorded as happening then.
    if (key === 'at') return 'at' in entry && entry.at !== undefined && !EXERCISE_OFFSET.test(entry.at) ? entry.at : undefined;
    if (key === 'note') return 'note' in entry ? entry.note : undefined;
    if (key === 'lateReasons') return 'lateReasons' in entry ? entry.lateReasons : undefined;
    if (key === 'rationale') return 'rationale' in entry ? entry.rationale : undefined;
    if (key === 'reason') return 'reason' in entry ? entry.reason : undefined;
    if (key === 'assign.name') return 'assign' in entry ? entry.assign.name : undefined;
    if (key === 'assign.role') return 'assign' in entry ? entry.assign.role : undefined;
    if (key === 'handover.name') return 'handover' in entry ? entry.handover.name : undefined;
    if (key === 'handover.role') return 'handover' in entry ? entry.handover.role : undefined;
    return undefined;
  }
}

function kindOf(entry: AnswerEntry | undefined): string {
  return entry ? (['decide', 'tick', 'aware', 'correct', 'note', 'handover', 'assign'].find((key) => key in entry) ?? '') : '';
}

function offered(options: ReadonlyArray<Option<unknown>>): string {
  const names = options.filter((o) => !o.disabled).flatMap((o) => o.tags?.filter((t) => /^[A-Z_]+$/.test(t)) ?? []);
  return names.length > 0 ? names.join(', ') : options.map((o) => o.name).join(', ');
}
