import { mdCell, mdInline } from './markdownText.ts';
import type { ReportBlock, ReportDocument, ReportSection } from './reportDocument.ts';

/** A report as Markdown: readable as text, convertible to anything. Recorded text is escaped (see markdownText.ts). */
export function reportMarkdown(doc: ReportDocument): string {
  const lines = [`# ${mdInline(doc.title)}${doc.exercise ? ' — EXERCISE' : ''}`, '', ...doc.about.map((line) => `- ${mdInline(line)}`)];
  if (doc.warning) lines.push(`- **${mdInline(doc.warning)}**`);
  return `${lines.join('\n')}\n\n${blocksMarkdown(doc.sections)}`;
}

/** Sections as Markdown: `##` for a section, `###` under it, lists, tables, and the decision log's entries. */
export function blocksMarkdown(sections: readonly ReportSection[]): string {
  const out: string[] = [];
  for (const section of sections) {
    out.push(`## ${mdInline(section.heading)}`, '');
    for (const block of section.blocks) out.push(...blockLines(block), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function blockLines(block: ReportBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.strong ? `**${mdInline(block.text)}**` : mdCell(block.text)];
    case 'subheading':
      return [`### ${mdInline(block.text)}`];
    case 'list':
      return block.items.map((item) => `- ${mdCell(item)}`);
    case 'table':
      return [`| ${block.columns.map(mdInline).join(' | ')} |`, `|${block.columns.map(() => '---|').join('')}`, ...block.rows.map((row) => `| ${row.map(mdInline).join(' | ')} |`)];
    case 'entry':
      return [`### ${mdInline(block.heading)}`, '', mdCell(block.by), '', ...block.lines.map((line) => `- **${line.label}.** ${mdInline(line.text)}`)];
  }
}
