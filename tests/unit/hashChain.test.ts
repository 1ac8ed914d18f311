import { describe, expect, it } from 'vitest';
import { chainEvents, findChainProblem, GENESIS_HASH } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';

const actor = { name: 'Ana', role: 'lead' };
const note = (text: string): NewEvent => ({ kind: 'note', data: { text }, actor, occurredAt: '2022-08-04T06:00:00.000Z' });
const record = (): RecordedEvent[] => chainEvents('inc-1', undefined, [note('a'), note('b'), note('c'), note('d')], new Date('2022-08-04T06:00:00Z'));

describe('the hash chain', () => {
  it('numbers events from 1 and links each to the one before', () => {
    const events = record();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(findChainProblem(events)).toBeUndefined();
  });

  it('continues after an existing event', () => {
    const events = record();
    const more = chainEvents('inc-1', events[3], [note('e')], new Date());
    expect(findChainProblem([...events, ...more])).toBeUndefined();
  });

  it('detects an edited event', () => {
    const events = record();
    const edited = events.map((e) => (e.seq === 3 ? { ...e, data: { text: 'C' } } : e)) as RecordedEvent[];
    expect(findChainProblem(edited)).toMatchObject({ seq: 3, reason: expect.stringContaining('edited') });
  });

  it('detects a deleted event', () => {
    const events = record();
    expect(findChainProblem([events[0], events[1], events[3]] as RecordedEvent[])).toMatchObject({ seq: 4, index: 2 });
  });

  it('detects reordered events', () => {
    const events = record();
    expect(findChainProblem([events[0], events[2], events[1], events[3]] as RecordedEvent[])).toMatchObject({ index: 1 });
  });

  it('detects a changed time, even with the sequence intact', () => {
    const events = record();
    const moved = events.map((e) => (e.seq === 2 ? { ...e, occurredAt: '2022-08-04T05:00:00.000Z' } : e));
    expect(findChainProblem(moved)).toMatchObject({ seq: 2 });
  });
});
