// Recorded text placed in Markdown (reports, the decision log, drafts, the evidence pack) can add no markup and
// carries no control character a terminal would obey.
import { describe, expect, it } from 'vitest';
import { mdCell, mdInline, mdText } from '../../src/render/markdownText.ts';

describe('recorded text in Markdown', () => {
  it('escapes what would open markup, and what would start a block at the start of a line', () => {
    expect(mdText('# Owned [x](http://evil) <b>')).toBe('\\# Owned \\[x\\](http://evil) \\<b\\>');
    expect(mdText('1. first\r\n- second')).toBe('1\\. first  \n\\- second');
    expect(mdCell('a | b\nc')).toBe('a \\| b c');
    // After a heading's marker or in a table cell, no line starts: a leading number is left as it is.
    expect(mdInline('1. Thu 4 Aug · Declare')).toBe('1. Thu 4 Aug · Declare');
  });

  it('shows control characters and direction overrides as text, in every form', () => {
    for (const form of [mdText, mdCell, mdInline]) {
      const out = form('red \u001b[31m and \u202e reversed');
      expect(out).not.toMatch(/[\u001b\u202e]/);
      expect(out).toContain('\\\\u001b');
    }
  });
});
