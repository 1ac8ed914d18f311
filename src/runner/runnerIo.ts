import type { UserError } from '../errors.ts';
import type { Tone } from '../render/tone.ts';
import type { Clock } from '../time/clock.ts';
import type { Option, Prompter } from './prompter.ts';
import type { ScreenSize } from './screenLayout.ts';

/** What the runner needs from outside: someone to ask, somewhere to print, the time. */
export interface RunnerIo {
  prompter: Prompter;
  /** Shows text; a tone asks for colour where the terminal has it (the words say the same). */
  print(text: string, tone?: Tone): void;
  clock: Clock;
  /** A command as the user can type it in their shell: `run X` → `irp run X` (or `npm start -- run X`). */
  command(args: string): string;
  /**
   * Watches while a menu waits: runs `changed` every so often and aborts the signal the first time it says yes.
   * A terminal watches (twice a second); drivers without a person leave it out.
   */
  watch?(changed: () => Promise<boolean>): { signal: AbortSignal; stop(): void };
  /** Called after each command is recorded (the answers file moves to its next entry). */
  recorded(): void;
  /** Called when irp refused a command; interactively it is shown and the runner goes on. */
  refused(error: UserError): void;
  /** What a driver adds to the runner: an exercise's injects and facilitator controls. */
  extension?: RunnerExtension;
  /**
   * A terminal's screen: its size, and a way to start a fresh screen. The runner then draws one screen at a time,
   * fitted to the terminal; without it (tests, pipes) it prints as a log.
   */
  screen?: { size(): ScreenSize; clear(): void };
}

/** A driver's hooks into the runner (see the exercise drivers). */
export interface RunnerExtension {
  /** Runs before each screen: deliver injects that fell due, move the clock; what to show goes to `say`. */
  beforeEach(session: Session, say: (text: string) => void): Promise<void>;
  /** A line for the header (the exercise clock). */
  headline?(): string;
  /** Extra menu entries; the value is passed back to `perform`. */
  actions(): Array<Option<string>>;
  perform(action: string, session: Session, say: (text: string) => void): Promise<void>;
}

/** The person at the keyboard, who is recorded as the actor of what they enter. */
export interface Session {
  actor: { name: string; role?: string | undefined };
}
