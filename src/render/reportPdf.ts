import { existsSync } from 'node:fs';
import { importModule } from '../playbook/importModule.ts';
import type { ReportBlock, ReportDocument } from './reportDocument.ts';

/** A Unicode font the system may have (Debian's fonts-dejavu-core); without it, PDF's own Helvetica. */
const SYSTEM_FONTS = { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };

/**
 * A report as an A4 PDF, made with `pdfkit` (loaded only when a PDF is asked for): the same sections, lists and
 * tables as every other format, the record's head under the title and in the document's properties. `at` is when
 * it is made (the PDF's creation date), given, never read from the clock here.
 */
export async function reportPdf(doc: ReportDocument, at: Date): Promise<Uint8Array> {
  const { default: PDFDocument } = await importModule<{ default: typeof import('pdfkit') }>('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    info: { Title: doc.title, Author: 'irp', Subject: doc.head ? `Made from the record of ${doc.head.incident} up to event ${doc.head.count}, head ${doc.head.hash}` : doc.footer, CreationDate: at, ModDate: at },
    bufferPages: true,
  });
  const unicode = existsSync(SYSTEM_FONTS.regular) && existsSync(SYSTEM_FONTS.bold);
  if (unicode) {
    pdf.registerFont('body', SYSTEM_FONTS.regular);
    pdf.registerFont('bold', SYSTEM_FONTS.bold);
  }
  const regular = unicode ? 'body' : 'Helvetica';
  const bold = unicode ? 'bold' : 'Helvetica-Bold';
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  const text = (words: string, options: { font?: string; size?: number; gap?: number; indent?: number } = {}) => {
    pdf.font(options.font ?? regular).fontSize(options.size ?? 9.5).text(words, pdf.page.margins.left + (options.indent ?? 0), undefined, { width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right - (options.indent ?? 0) });
    pdf.moveDown(options.gap ?? 0.3);
  };
  const block = (item: ReportBlock) => {
    switch (item.kind) {
      case 'paragraph':
        return text(item.text, { font: item.strong ? bold : regular, size: item.strong ? 11 : 9.5 });
      case 'subheading':
        return text(item.text, { font: bold, size: 11, gap: 0.2 });
      case 'list':
        for (const entry of item.items) text(`•  ${entry}`, { indent: 8, gap: 0.1 });
        return pdf.moveDown(0.3);
      case 'table':
        pdf.x = pdf.page.margins.left;
        const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
        const total = item.widths?.reduce((sum, share) => sum + share, 0) ?? 0;
        pdf.table({
          ...(item.widths ? { columnStyles: item.widths.map((share) => (share / total) * width) } : {}),
          ...(item.writeIn ? { rowStyles: (row: number) => (row === 0 ? undefined : { minHeight: 24 }) } : {}),
          data: [item.columns.map((column) => ({ text: column, font: { src: bold, size: 8 } })), ...item.rows.map((row) => row.map((cell) => ({ text: cell, font: { src: regular, size: 8 } })))],
          defaultStyle: { padding: [2, 3], border: 0.5, borderColor: '#999999', textOptions: {} },
        });
        return pdf.moveDown(0.6);
      case 'entry':
        text(item.heading, { font: bold, size: 10.5, gap: 0.1 });
        text(item.by, { gap: 0.1 });
        for (const line of item.lines) text(`${line.label}. ${line.text}`, { indent: 8, gap: 0.1 });
        return pdf.moveDown(0.4);
    }
  };
  pdf.font(regular).fontSize(9.5);
  text(`${doc.title}${doc.exercise ? ' (EXERCISE)' : ''}`, { font: bold, size: 16, gap: 0.4 });
  for (const line of doc.about) text(line, { size: 8.5, gap: 0.1 });
  if (doc.warning) text(doc.warning, { font: bold });
  for (const [index, section] of doc.sections.entries()) {
    if (doc.sectionPerPage && index > 0) pdf.addPage();
    else pdf.moveDown(0.5);
    text(section.heading, { font: bold, size: 13, gap: 0.3 });
    for (const item of section.blocks) block(item);
  }
  // Every page carries the record it was made from.
  const pages = pdf.bufferedPageRange();
  for (let i = 0; i < pages.count; i += 1) {
    pdf.switchToPage(pages.start + i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(regular).fontSize(7).fillColor('#555555').text(`${doc.footer} · page ${i + 1} of ${pages.count}`, pdf.page.margins.left, pdf.page.height - 30, { lineBreak: false });
    pdf.page.margins.bottom = bottom;
    pdf.fillColor('black');
  }
  pdf.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
