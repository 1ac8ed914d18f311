import { fitLines } from '../render/text.ts';
import { PromptBack } from './prompter.ts';
import type { RunnerIo } from './runnerIo.ts';

/**
 * Shows long output (a draft, the log, the full status, a step in full) on screens of its own, a terminal's height
 * at a time, each ending "Enter: next page · Escape: back", so that nothing scrolls away before it is read. Without
 * a terminal it is printed as it is.
 */
export async function showPage(io: RunnerIo, text: string): Promise<void> {
  if (!io.screen) {
    io.print(text);
    return;
  }
  const { rows, columns } = io.screen.size();
  const lines = fitLines(text, columns).split('\n');
  const per = Math.max(3, rows - 2);
  for (let start = 0; start < lines.length; start += per) {
    io.screen.clear();
    for (const line of lines.slice(start, start + per)) io.print(line);
    const last = start + per >= lines.length;
    const where = lines.length > per ? `Lines ${start + 1}–${Math.min(start + per, lines.length)} of ${lines.length} · ` : '';
    try {
      await io.prompter.input({ key: 'pager', message: `${where}${last ? 'Enter to go back' : 'Enter: next page · Escape: back'}` });
    } catch (error) {
      if (error instanceof PromptBack) return;
      throw error;
    }
  }
}
