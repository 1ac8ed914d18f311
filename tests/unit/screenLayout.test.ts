// One screen of the runner fitted to the terminal: the header, the clocks, the step's first lines, the last message
// and the menu in sight together, whatever their lengths.
import { describe, expect, it } from 'vitest';
import { layoutScreen, type ScreenParts } from '../../src/runner/screenLayout.ts';

const lines = (count: number, what: string) => Array.from({ length: count }, (_, i) => ({ text: `${what} ${i + 1}` }));
const parts = (step: number, message: number, entries: number): ScreenParts => ({
  header: { text: 'header' },
  clocks: lines(3, 'clock'),
  step: lines(step, 'step'),
  message: lines(message, 'message'),
  menu: { entries, questionLines: 1 },
});
/** Lines on the screen: what is printed, then the question, the page of entries and what Inquirer draws below. */
const height = (layout: ReturnType<typeof layoutScreen>) => layout.lines.length + 1 + layout.pageSize + 4;

describe('the runner screen at 80×24', () => {
  it('shows a short step whole, and the whole menu', () => {
    const layout = layoutScreen(parts(4, 1, 6), { rows: 24, columns: 80 });
    expect(layout.lines.map((line) => line.text)).toEqual(['header', 'clock 1', 'clock 2', 'clock 3', 'step 1', 'step 2', 'step 3', 'step 4', 'message 1']);
    expect(layout.pageSize).toBe(6);
    expect(height(layout)).toBeLessThanOrEqual(24);
  });

  it('cuts a long step, saying where the rest is, and keeps the heading and the message', () => {
    const layout = layoutScreen(parts(30, 2, 6), { rows: 24, columns: 80 });
    const texts = layout.lines.map((line) => line.text);
    expect(texts.slice(0, 5)).toEqual(['header', 'clock 1', 'clock 2', 'clock 3', 'step 1']);
    expect(texts).toContainEqual(expect.stringMatching(/more lines: More… › Show the step in full$/));
    expect(texts.slice(-2)).toEqual(['message 1', 'message 2']);
    expect(height(layout)).toBeLessThanOrEqual(24);
  });

  it('cuts a long message so that the header and the clocks stay on screen', () => {
    const layout = layoutScreen(parts(5, 40, 6), { rows: 24, columns: 80 });
    const texts = layout.lines.map((line) => line.text);
    expect(texts[0]).toBe('header');
    expect(texts).toContain('step 1');
    expect(texts.at(-1)).toMatch(/more lines: More… › Show the log$/);
    expect(height(layout)).toBeLessThanOrEqual(24);
  });
});
