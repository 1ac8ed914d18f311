import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** How long a screen may take to appear: generous, for a busy 2-core machine (a passing test never waits it out). */
const PATIENCE_MS = 30_000;

/** A real terminal (tmux, 80x40) running one command, for end-to-end tests of the prompts. */
export class TmuxSession {
  constructor(readonly name: string) {}

  static start(name: string, command: string, env: Record<string, string>, size: { columns: number; rows: number } = { columns: 80, rows: 40 }): TmuxSession {
    // A clean environment, as a user's shell would give: nothing of the test runner's own (npm's variables would
    // change the commands irp suggests).
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', LANG: 'C.UTF-8' };
    const exports = Object.entries({ ...base, ...env }).map(([key, value]) => `${key}='${value}'`).join(' ');
    execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), `env -i ${exports} ${command}; sleep 60`]);
    return new TmuxSession(name);
  }

  /** What the terminal shows now; with `history`, also the lines scrolled off the top. */
  screen(options: { history?: boolean } = {}): string {
    return execFileSync('tmux', ['capture-pane', '-p', ...(options.history ? ['-S', '-500'] : []), '-t', this.name], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '--', ...keys]);
  }

  /** Waits (up to 30 s) until the screen (or its history) shows `text`; fails with the screen otherwise. */
  async waitFor(text: string, options: { history?: boolean } = {}): Promise<string> {
    const deadline = Date.now() + PATIENCE_MS;
    for (;;) {
      const screen = this.screen(options);
      if (screen.includes(text)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal never showed "${text}". It shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  /** The question being asked now: from the last "? " line with no answered "✔" line after it, to the end. */
  #asking(): string[] {
    const lines = this.screen().split('\n');
    const last = lines.findLastIndex((line) => line.startsWith('? ') || line.startsWith('✔ '));
    return last >= 0 && lines[last]?.startsWith('? ') ? lines.slice(last) : [];
  }

  /** Waits until the menu's cursor has moved from `cursor` and the screen stopped changing; false if it never moved. */
  async #settled(cursor: string | undefined): Promise<boolean> {
    const deadline = Date.now() + 1_000;
    let last = '';
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const now = this.screen();
      const moved = this.#asking().find((line) => line.startsWith('❯ ')) !== cursor;
      if (moved && now === last) return true;
      if (Date.now() > deadline) return moved;
      last = now;
    }
  }

  /** Waits until `ready` holds for the question being asked now; fails with the screen after 30 s. */
  async #until(what: string, ready: (asking: string[]) => boolean): Promise<string[]> {
    const deadline = Date.now() + PATIENCE_MS;
    for (;;) {
      const asking = this.#asking();
      // Seen on the screen, the question has had its first render: keys sent now are not dropped.
      if (ready(asking)) return asking;
      if (Date.now() > deadline) throw new Error(`the terminal never ${what}. It shows:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  /**
   * Waits until the question being asked now contains `text` (in its first lines, where it is wrapped), then types
   * `keys`. Waiting for the text anywhere would match an answered question still on the screen, and keys sent
   * before a prompt is ready are lost.
   */
  async answer(text: string, ...keys: string[]): Promise<void> {
    await this.#until(`asked "${text}"`, (asking) => asking.slice(0, 3).join(' ').includes(text));
    this.keys(...keys);
  }

  /**
   * Moves the cursor of the menu being shown down to the entry that contains `text` and presses Enter: as a
   * person does, one key at a time, looking at the screen after each. Fails at the last entry: when keys move
   * nothing three times running (once may be a menu drawn again, with its cursor back at the top, as the keys went
   * to the one it replaced).
   */
  async choose(text: string, limit = 40): Promise<void> {
    const cursorOf = (asking: string[]) => asking.find((line) => line.startsWith('❯ '));
    await this.#until(`showed a menu to choose "${text}" from`, (asking) => cursorOf(asking) !== undefined);
    let still = 0;
    for (let presses = 0; presses <= limit; presses += 1) {
      const asking = this.#asking();
      const cursor = cursorOf(asking);
      if (cursor?.includes(text)) {
        this.keys('Enter');
        return;
      }
      // An entry in sight is reached in one go (every line of the menu is one press, greyed or not); one out of
      // sight, a press at a time.
      const from = asking.findIndex((line) => line.startsWith('❯ '));
      const below = asking.findIndex((line, index) => index > from && line.includes(text));
      const above = asking.findIndex((line, index) => index > 0 && index < from && line.includes(text));
      if (below < 0 && above > 0) this.keys(...Array.from({ length: from - above }, () => 'Up'));
      else this.keys(...Array.from({ length: below > from ? below - from : 1 }, () => 'Down'));
      still = (await this.#settled(cursor)) ? 0 : still + 1;
      if (still === 3) break; // the last entry: the keys moved nothing
    }
    throw new Error(`the menu never reached "${text}". It shows:\n${this.screen()}`);
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}
