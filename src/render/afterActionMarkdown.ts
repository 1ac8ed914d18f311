import type { AfterActionReport } from '../exercise/afterAction.ts';
import { afterActionDocument } from './reportDocument.ts';
import { reportMarkdown } from './reportMarkdown.ts';

export { reportTitle } from './reportDocument.ts';

/** The after-action report as Markdown: the same document as the HTML, Word and PDF forms. */
export function afterActionMarkdown(report: AfterActionReport): string {
  return reportMarkdown(afterActionDocument(report));
}
