import { visible } from './visible.ts';

/**
 * Recorded text (notes, titles, names, references) placed in Markdown. Whoever typed it must not be able to add
 * headings, links, images, raw HTML, emphasis or table cells to a report or a draft: the characters that open them
 * (`[` `]` `<` `>` `#` `|` `*` `_` `` ` `` `~` and the backslash) are escaped, a line cannot start a block (a
 * heading, a list, a quote), and a line break stays a line break inside the same paragraph. Without `[`, no link or
 * image can form, so parentheses and `!` are left as they are. Control characters are shown as `\u001b`-style text
 * (see visible.ts): Markdown is read in terminals too, and a file must not carry them.
 */
export function mdText(text: string): string {
  return visible(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => line.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/^(\s*)([-+=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('  \n');
}

/** Text after a heading's `### ` or a list item's marker: escaped, on one line, where no line starts. */
export function mdInline(text: string): string {
  return visible(text.replace(/\s*(\r\n|\r|\n)\s*/g, ' ')).replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

/** Recorded text in a table cell: escaped the same way, on one line. */
export function mdCell(text: string): string {
  return mdText(text.replace(/\s*(\r\n|\r|\n)\s*/g, ' '));
}
