import { importModule } from '../playbook/importModule.ts';
import type { ReportBlock, ReportDocument } from './reportDocument.ts';

/**
 * A report as a Word document (.docx), made with the `docx` library (loaded only when a Word file is asked for):
 * the same sections, lists and tables as every other format, and the record's head under the title.
 */
export async function reportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await importModule<typeof import('docx')>('docx');
  const paragraph = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) => new Paragraph({ children: [new TextRun({ text, ...options })] });
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
  const blockOf = (block: ReportBlock): Array<InstanceType<typeof Paragraph> | InstanceType<typeof Table>> => {
    switch (block.kind) {
      case 'paragraph':
        return [paragraph(block.text, { bold: block.strong === true, italics: block.muted === true })];
      case 'subheading':
        return [new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_3 })];
      case 'list':
        return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
      case 'table':
        return [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: block.columns.map((column) => cell(column, true)) }),
              ...block.rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
            ],
          }),
          paragraph(''),
        ];
      case 'entry':
        return [
          new Paragraph({ text: block.heading, heading: HeadingLevel.HEADING_3 }),
          paragraph(block.by, { italics: true }),
          ...block.lines.map((line) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${line.label}. `, bold: true }), new TextRun({ text: line.text })] })),
        ];
    }
  };
  const children = [
    new Paragraph({ text: `${doc.title}${doc.exercise ? ' (EXERCISE)' : ''}`, heading: HeadingLevel.TITLE, alignment: AlignmentType.LEFT }),
    ...doc.about.map((line) => paragraph(line, { size: 18 })),
    ...(doc.warning ? [paragraph(doc.warning, { bold: true })] : []),
    ...doc.sections.flatMap((section, index) => [
      new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2, pageBreakBefore: doc.sectionPerPage === true && index > 0 }),
      ...section.blocks.flatMap(blockOf),
    ]),
  ];
  const document = new Document({
    title: doc.title,
    description: doc.head ? `Made from the record of ${doc.head.incident} up to event ${doc.head.count}, head ${doc.head.hash}` : doc.footer,
    creator: 'irp',
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
