/** Wraps text to a width (80-column terminals), indenting every line. */
export function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
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
