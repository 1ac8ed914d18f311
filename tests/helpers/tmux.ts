import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A real terminal (tmux, 80x40) running one command, for end-to-end tests of the prompts. */
export class TmuxSession {
  constructor(readonly name: string) {}

  static start(name: string, command: string, env: Record<string, string>): TmuxSession {
    // A clean environment, as a user's shell would give: nothing of the test runner's own (npm's variables would
    // change the commands irp suggests).
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', LANG: 'C.UTF-8' };
    const exports = Object.entries({ ...base, ...env }).map(([key, value]) => `${key}='${value}'`).join(' ');
    execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '80', '-y', '40', `env -i ${exports} ${command}; sleep 60`]);
    return new TmuxSession(name);
  }

  /** What the terminal shows now; with `history`, also the lines scrolled off the top. */
  screen(options: { history?: boolean } = {}): string {
    return execFileSync('tmux', ['capture-pane', '-p', ...(options.history ? ['-S', '-500'] : []), '-t', this.name], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '--', ...keys]);
  }

  /** Waits (up to 10 s) until the screen (or its history) shows `text`; fails with the screen otherwise. */
  async waitFor(text: string, options: { history?: boolean } = {}): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const screen = this.screen(options);
      if (screen.includes(text)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal never showed "${text}". It shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Moves the menu's cursor down to the entry that contains `text` and presses Enter: as a person does, one key at
   * a time, looking at the screen after each. Fails if the entry is never reached within `limit` presses.
   */
  async choose(text: string, limit = 30): Promise<number> {
    for (let presses = 0; presses <= limit; presses += 1) {
      const cursor = this.screen()
        .split('\n')
        .find((line) => line.startsWith('❯'));
      if (cursor?.includes(text)) {
        this.keys('Enter');
        return presses;
      }
      const before = this.screen();
      this.keys('Down');
      const deadline = Date.now() + 2_000;
      while (this.screen() === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the menu never reached "${text}". It shows:\n${this.screen()}`);
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}
