// Text fitted to a terminal by the columns it takes, not by its characters: Chinese characters and most emoji take
// two columns, an accent written as a combining mark none (a lab in Hong Kong, a note with an emoji in it).
import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import { columns, fitLine, fitLines, wrap, wrapWords } from '../../src/render/text.ts';

describe('text by the columns it takes', () => {
  it('counts wide characters twice, combining marks not at all, and ASCII as it is', () => {
    expect(columns('NHS 111')).toBe(7);
    expect(columns('香港化驗所')).toBe(10);
    expect(columns('👩‍⚕️ ok')).toBe(5);
    expect(columns('Cafe\u0301')).toBe(4);
  });

  it('counts the characters it measures itself as the library does: each of them, and text of any of them', () => {
    const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0xff], [0x2010, 0x2027], [0x2030, 0x205e], [0x2190, 0x21ff], [0x2500, 0x25fc], [0x2713, 0x2713]];
    const narrow = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));
    for (const char of narrow) expect(stringWidth(char), `U+${char.codePointAt(0)?.toString(16)}`).toBe(1);
    let seed = 111;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let run = 0; run < 500; run += 1) {
      const text = Array.from({ length: random(60) }, () => narrow[random(narrow.length)]).join('');
      expect(columns(text), JSON.stringify(text)).toBe(stringWidth(text));
    }
    // Just outside: a soft hyphen, a zero-width space and a wide square are left to the library.
    expect(columns('a\u00adb')).toBe(stringWidth('a\u00adb'));
    expect(columns('a\u200bb')).toBe(1 + stringWidth('\u200b') + 1);
    expect(columns('\u25fd')).toBe(2);
  });

  it('wraps wide text before it runs past the width, every line within it', () => {
    const text = '香港化驗所 血液測試 暫停 病人 請 致電 一一一 查詢 最新 消息 謝謝';
    const lines = wrap(text, '  ', 20).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(20);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(text);
  });

  it('breaks text written without spaces where it must, always moving on, and keeps a long ASCII word whole', () => {
    expect(wrap('香港化驗所', '', 1)).toBe('香\n港\n化\n驗\n所');
    // A link or a command to paste back is never cut in two.
    const link = 'https://www.england.nhs.uk/long/path/to/the/guidance/page';
    expect(wrap(`see ${link} now`, '  ', 24)).toBe(`  see\n  ${link}\n  now`);
  });

  it('cuts a line by columns, never through an emoji, and marks the cut', () => {
    const cut = fitLine('Update 👩‍⚕️👩‍⚕️👩‍⚕️👩‍⚕️👩‍⚕️ from the ward', 12);
    expect(columns(cut)).toBeLessThanOrEqual(12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\u200d…'); // no joiner left dangling before the ellipsis
    for (const line of fitLines('Note: 香港化驗所的血液測試已暫停，請致電查詢。'.repeat(3), 30).split('\n')) expect(columns(line)).toBeLessThanOrEqual(30);
  });
});

describe('wrapping printable ASCII', () => {
  it('cuts at the same places as word by word, for any words, gaps, indents and widths', () => {
    // A small generator, seeded, so that a failure names the case that broke it and comes back the same.
    let seed = 2022;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let run = 0; run < 2_000; run += 1) {
      const words = Array.from({ length: 1 + random(30) }, () => 'abcdefghij-/:#'.repeat(8).slice(random(14), random(14) + (random(10) === 0 ? 40 + random(80) : 1 + random(25))) || 'x');
      const text = words.map((word, i) => (i === 0 ? word : ' '.repeat(1 + (random(5) === 0 ? random(3) : 0)) + word)).join('');
      const indent = ' '.repeat(random(20));
      const width = 1 + random(100);
      const expected = wrapWords(text, indent, width - indent.length, (word) => word.length).join('\n');
      expect(wrap(text, indent, width), `run ${run}: ${JSON.stringify({ text, indent: indent.length, width })}`).toBe(expected);
    }
  });
});
