import { describe, expect, it } from 'vitest';
import { lazyRecord, lineStartsOf } from '../../src/store/lazyRecord.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';

const event = (seq: number) => ({ seq, kind: 'note', data: { text: `n${seq}` } }) as unknown as RecordedEvent;

describe('a record whose verified prefix is parsed only where someone looks', () => {
  const lines = [1, 2, 3].map((seq) => JSON.stringify(event(seq)));
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const record = () => lazyRecord(bytes, lineStartsOf(bytes), 3, [event(4), event(5)]);

  it('is an ordinary array to every reader', () => {
    const all = [1, 2, 3, 4, 5].map(event);
    expect(record()).toEqual(all);
    expect(record().length).toBe(5);
    expect(record()[1]).toEqual(event(2));
    expect(record().at(-1)).toEqual(event(5));
    expect(record().slice(2, 4)).toEqual([event(3), event(4)]);
    expect([...record()].map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.parse(JSON.stringify(record()))).toEqual(all);
    expect(Object.keys(record())).toEqual(['0', '1', '2', '3', '4']);
    expect(Array.isArray(record())).toBe(true);
    const grown = record();
    grown.push(event(6));
    expect(grown.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads a line of the prefix only when it is looked at', () => {
    const broken = Buffer.from(`${lines[0]}\nnot json\n${lines[2]}\n`);
    const lazy = lazyRecord(broken, lineStartsOf(broken), 3, [event(4)]);
    expect(lazy[0]).toEqual(event(1));
    expect(lazy.at(-1)).toEqual(event(4));
    expect(() => lazy[1]).toThrow(SyntaxError);
  });
});
