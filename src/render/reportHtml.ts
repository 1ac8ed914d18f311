import { escapeHtml as escape, pageStart } from './html.ts';
import type { ReportBlock, ReportDocument, ReportSection } from './reportDocument.ts';

/**
 * A document as one self-contained printable HTML page (no scripts, nothing fetched): action cards, or any other
 * report document. On paper, A4, and a section a page where the document asks for it.
 */
export function reportHtml(doc: ReportDocument): string {
  return `${pageStart(doc.title, `
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; } td, th { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
td:empty { height: 1.6em; } table.write-in td { height: 2.2em; } .muted { color: #555; } footer { color: #555; font-size: 0.8rem; margin-top: 2rem; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; padding: 0; }
  table { font-size: 9pt; } tr { break-inside: avoid; } h2, h3 { break-after: avoid; }
  ${doc.sectionPerPage ? 'section + section { break-before: page; }' : ''}
}
`)}
<h1>${escape(doc.title)}</h1>
<p>${doc.about.map(escape).join('<br>')}</p>
${doc.warning ? `<p><strong>${escape(doc.warning)}</strong></p>` : ''}
${doc.sections.map((section) => `<section>${sectionsHtml([section])}</section>`).join('\n')}
<footer>${escape(doc.footer)}</footer>
</body>
</html>
`;
}

/** Sections of the report document in HTML: the same words as every other format, each escaped once, here. */
export function sectionsHtml(sections: readonly ReportSection[]): string {
  return sections.map((section) => `<h2>${escape(section.heading)}</h2>\n${section.blocks.map(blockHtml).join('\n')}`).join('\n');
}

function blockHtml(block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${block.muted ? ' class="muted"' : ''}>${block.strong ? `<strong>${escape(block.text)}</strong>` : escape(block.text)}</p>`;
    case 'subheading':
      return `<h3>${escape(block.text)}</h3>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table${block.writeIn ? ' class="write-in"' : ''}>${block.widths ? `<colgroup>${block.widths.map((share) => `<col style="width:${((share / block.widths!.reduce((a, b) => a + b, 0)) * 100).toFixed(1)}%">`).join('')}</colgroup>` : ''}<thead><tr>${block.columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'entry':
      return `<h3>${escape(block.heading)}</h3><p>${escape(block.by)}</p><ul>${block.lines.map((line) => `<li><strong>${escape(line.label)}.</strong> ${escape(line.text)}</li>`).join('')}</ul>`;
  }
}
