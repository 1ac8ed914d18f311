import type { DecisionInWords } from '../engine/decisionLog.ts';
import { decisionLogBlocks } from './reportDocument.ts';
import { mdInline } from './markdownText.ts';
import { blocksMarkdown } from './reportMarkdown.ts';
import { wrap } from './text.ts';

/** The decision log as text for a terminal, 80 columns. */
export function renderDecisionLog(entries: readonly DecisionInWords[], title: string): string {
  const lines = [wrap(`Decision log: ${title}`, '').replace(/\n/g, '\n    '), `${entries.length} decision${entries.length === 1 ? '' : 's'}, each with what was known when it was taken`];
  for (const w of entries) {
    lines.push('', wrap(w.heading, '   ').trimStart(), wrap(w.by, '   '));
    const known = [
      ...(w.facts.length > 0 ? [`Facts: ${w.facts.join('; ')}`] : ['Facts: none recorded yet']),
      ...(w.injects.length > 0 ? [`Injects seen: ${w.injects.join('; ')}`] : []),
      ...(w.clocks.length > 0 ? [`Clocks running: ${w.clocks.join('; ')}`] : ['Clocks running: none']),
    ];
    lines.push('   Known then:', ...known.map((line) => wrap(line, '     ')));
    lines.push('   Options offered:', ...w.options.map((option) => wrap(`- ${option}`, '     ')));
    lines.push(wrap(`Decided: ${w.decided}`, '   '), wrap(`Rationale: ${w.rationale}`, '   '));
    if (w.lateReasons) lines.push(wrap(`Reasons for the delay: ${w.lateReasons}`, '   '));
    if (w.note) lines.push(wrap(`Note: ${w.note}`, '   '));
  }
  return `${lines.join('\n')}\n`;
}

/** The decision log as Markdown, for people outside irp: the same blocks as the after-action report's section. */
export function decisionLogMarkdown(entries: readonly DecisionInWords[]): string {
  return blocksMarkdown([{ heading: 'Decision log', blocks: decisionLogBlocks(entries) }]);
}

/** The decision log as a Markdown page of its own (`irp decisions --markdown`, the evidence pack), titled by the incident. */
export function decisionLogPage(title: string, entries: readonly DecisionInWords[]): string {
  return `# Decision log: ${mdInline(title)}\n\n${decisionLogMarkdown(entries).replace(/^## Decision log\n\n/, '')}`;
}
