import stringWidth from 'fast-string-width';

/**
 * How many columns a text takes at a terminal: a Chinese character or most emoji two, a combining accent none. Text
 * of characters one column wide each, most of what irp prints, is counted without the library.
 */
export function columns(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * Characters one column wide each that nothing joins or combines: printable ASCII, and what irp's own words use
 * beside it (Latin-1's letters and signs but the soft hyphen, dashes, quotes, bullets and the ellipsis, arrows, box
 * drawing, blocks and shapes, ✓). The library counts each of them as one column (tests/unit/textWidth.test.ts holds
 * every one to it); a step's heading, "Response › Contain", is measured without loading its tables.
 */
const NARROW = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u2713]*$/;

/**
 * Wraps text to a width (80-column terminals) at word boundaries, indenting every line. The spaces between words
 * on a line are kept as written (a log's columns are two spaces apart); a break replaces them.
 */
export function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  const room = width - columns(indent);
  for (const paragraph of text.split('\n')) {
    const trimmed = paragraph.trim();
    // Most lines fit: they are kept as they are, without being taken apart.
    if (columns(trimmed) <= room && !trimmed.includes('\t')) {
      out.push(indent + trimmed);
      continue;
    }
    if (ASCII.test(trimmed)) {
      wrapAscii(trimmed, indent, room, out);
      continue;
    }
    out.push(...wrapWords(trimmed, indent, room, columns));
  }
  return out.join('\n');
}

/**
 * Printable ASCII, most of what irp prints (a log of 100,000 entries wraps 300,000 lines): as wide as it is long,
 * with only spaces between words, so a line is a slice of the paragraph, cut at the last space that fits. Words
 * and the spaces between them on a line are as `wrapWords` would give them.
 */
function wrapAscii(paragraph: string, indent: string, room: number, out: string[]): void {
  let start = 0;
  while (paragraph.length - start > room) {
    // The last space at which the line can end within the room; none: the word at the start runs on, kept whole.
    let cut = paragraph.lastIndexOf(' ', start + room);
    if (cut <= start) cut = paragraph.indexOf(' ', start + 1);
    if (cut < 0) break;
    let end = cut;
    while (paragraph.charCodeAt(end - 1) === 32) end -= 1;
    out.push(indent + paragraph.slice(start, end));
    start = cut;
    while (paragraph.charCodeAt(start) === 32) start += 1;
  }
  out.push(indent + paragraph.slice(start));
}

/** Wraps one paragraph word by word, measuring each word with `widthOf`: for any script. */
export function wrapWords(trimmed: string, indent: string, room: number, widthOf: (text: string) => number): string[] {
  const out: string[] = [];
  let line = '';
  let used = 0;
  const parts = trimmed.split(/(\s+)/);
  for (let i = 0; i < parts.length; i += 2) {
    let word = parts[i] ?? '';
    if (!word) continue;
    const space = parts[i - 1] ?? ' ';
    const gap = space === ' ' || space.includes('\t') ? ' ' : space;
    let wide = widthOf(word);
    // A sentence in a script written without spaces, wider than a whole line, is broken where it must be, by
    // columns. A long ASCII word (a link, a command with a hash to paste back) is kept whole, as it always was.
    while (wide > room && room > 0 && wide !== word.length) {
      // At least one whole character on a line of its own, however narrow the room: the loop always moves on.
      const head = firstColumns(word, line ? room - used - gap.length : room) || (line ? '' : firstColumns(word, 2));
      if (head) out.push(indent + (line ? `${line}${gap}${head}` : head));
      else out.push(indent + line); // nothing of the word fits beside the line: the line ends here
      line = '';
      used = 0;
      word = word.slice(head.length);
      wide = columns(word);
    }
    if (!word) continue;
    if (line && used + gap.length + wide > room) {
      out.push(indent + line);
      line = word;
      used = wide;
    } else {
      used += line ? gap.length + wide : wide;
      line = line ? `${line}${gap}${word}` : word;
    }
  }
  if (line || out.length === 0) out.push(indent + line);
  return out;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One line cut to a width at a word boundary where there is one, with an ellipsis when anything was cut. */
export function fitLine(text: string, width: number): string {
  if (columns(text) <= width) return text;
  const cut = firstColumns(text, Math.max(1, width - 1));
  const space = cut.lastIndexOf(' ');
  return `${space >= 0 && columns(cut.slice(0, space)) > width / 2 ? cut.slice(0, space) : cut}…`;
}

/** As much of a text, whole characters (emoji with their joiners and accents), as fits in `width` columns. */
function firstColumns(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const wide = columns(segment);
    if (used + wide > width) break;
    out += segment;
    used += wide;
  }
  return out;
}

/**
 * Every line of a text fitted to a width at word boundaries: a long line goes on under its own indent plus four
 * spaces. For text read at a terminal (80 columns when the width is not known); never for JSON or Markdown tables.
 */
export function fitLines(text: string, width = 80): string {
  return text
    .split('\n')
    .map((line) => {
      if (columns(line) <= width) return line;
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const [first, ...rest] = wrap(line.slice(indent.length), `${indent}    `, width).split('\n');
      return [`${indent}${(first ?? '').trimStart()}`, ...rest].join('\n');
    })
    .join('\n');
}
