import type { ScreenLine } from '../render/tone.ts';

/** The size of the terminal the runner draws on; without one (a test, a pipe), an endless 80-column page. */
export interface ScreenSize {
  rows: number;
  columns: number;
}

/** What one screen of the runner holds, top to bottom, before it is fitted to the terminal. */
export interface ScreenParts {
  /** One line: the incident, time since awareness, who is acting. */
  header: ScreenLine;
  /** The clocks that must not be missed, most urgent first (already cut to the few that fit). */
  clocks: readonly ScreenLine[];
  /** The step: its heading first, then what blocks it, then its instructions and checklist. */
  step: readonly ScreenLine[];
  /** What the last action said (recorded, refused, changed elsewhere): kept on screen until the next action. */
  message: readonly ScreenLine[];
  /** How many entries the menu has, and how many lines its question takes. */
  menu: { entries: number; questionLines: number };
}

/** Lines Inquirer draws under a menu's entries: a blank line, the highlighted entry's description (up to two), the key help. */
const BELOW_MENU = 4;
/** At least this many of the step's lines are shown, however small the terminal. */
const STEP_MINIMUM = 2;
/** At least this many of the menu's entries are in sight. */
const MENU_MINIMUM = 3;

/**
 * Fits one screen to the terminal so that the header, the clocks, the step's first lines, the last message and the
 * menu are all in sight at once: the step's own text gives way first (its last line then says where the rest is),
 * then the menu scrolls within a shorter page. Pure: the size is given.
 */
export function layoutScreen(parts: ScreenParts, size: ScreenSize): { lines: ScreenLine[]; pageSize: number } {
  // A long message (many entries recorded elsewhere) keeps its first lines and says where the rest is, so that it
  // never pushes the header and the clocks off the top.
  const around = 1 + parts.clocks.length + parts.menu.questionLines + BELOW_MENU + STEP_MINIMUM + MENU_MINIMUM;
  const messageRoom = Math.max(2, size.rows - around);
  const message =
    parts.message.length <= messageRoom
      ? parts.message
      : [...parts.message.slice(0, messageRoom - 1), { text: `  … ${parts.message.length - messageRoom + 1} more lines: More… › Show the log` }];
  const fixed = 1 + parts.clocks.length + message.length + parts.menu.questionLines + BELOW_MENU;
  const room = size.rows - fixed;
  // The menu takes what it needs, leaving the step its minimum; with more room, the step has the rest.
  const pageSize = Math.max(MENU_MINIMUM, Math.min(parts.menu.entries, room - Math.min(STEP_MINIMUM, parts.step.length)));
  const stepRoom = Math.max(STEP_MINIMUM, room - pageSize);
  const step =
    parts.step.length <= stepRoom
      ? parts.step
      : [...parts.step.slice(0, stepRoom - 1), { text: `  … ${parts.step.length - stepRoom + 1} more lines: More… › Show the step in full` }];
  return { lines: [parts.header, ...parts.clocks, ...step, ...message], pageSize };
}
