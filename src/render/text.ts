/**
 * Wraps text to a width (80-column terminals) at word boundaries, indenting every line. The spaces between words
 * on a line are kept as written (a log's columns are two spaces apart); a break replaces them.
 */
export function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const trimmed = paragraph.trim();
    // Most lines fit: they are kept as they are, without being taken apart.
    if (indent.length + trimmed.length <= width && !trimmed.includes('\t')) {
      out.push(indent + trimmed);
      continue;
    }
    let line = '';
    const parts = trimmed.split(/(\s+)/);
    for (let i = 0; i < parts.length; i += 2) {
      const word = parts[i] ?? '';
      if (!word) continue;
      const space = parts[i - 1] ?? ' ';
      const gap = space === ' ' || space.includes('\t') ? ' ' : space;
      if (line && indent.length + line.length + gap.length + word.length > width) {
        out.push(indent + line);
        line = word;
      } else {
        line = line ? `${line}${gap}${word}` : word;
      }
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One line cut to a width at a word boundary where there is one, with an ellipsis when anything was cut. */
export function fitLine(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, Math.max(1, width - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > width / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Every line of a text fitted to a width at word boundaries: a long line goes on under its own indent plus four
 * spaces. For text read at a terminal (80 columns when the width is not known); never for JSON or Markdown tables.
 */
export function fitLines(text: string, width = 80): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const [first, ...rest] = wrap(line.slice(indent.length), `${indent}    `, width).split('\n');
      return [`${indent}${(first ?? '').trimStart()}`, ...rest].join('\n');
    })
    .join('\n');
}
