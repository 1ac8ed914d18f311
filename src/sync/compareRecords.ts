import type { RecordedEvent } from '../record/recordedEvent.ts';

/** How two copies of one incident's record stand to each other. */
export type Comparison =
  | { kind: 'same'; count: number }
  | { kind: 'missing-there' }
  | { kind: 'ahead-here'; common: number; here: number }
  | { kind: 'ahead-there'; common: number; there: number }
  | { kind: 'diverged'; common: number; lastCommon?: { seq: number; hash: string } | undefined; here: number; there: number };

/**
 * Compares a record here with its copy there, event by event, by hash: the same, one a continuation of the other,
 * or diverged (both appended since they last agreed), with where they last agreed. Pure.
 */
export function compareRecords(here: readonly RecordedEvent[], there: readonly RecordedEvent[] | undefined): Comparison {
  if (there === undefined) return { kind: 'missing-there' };
  let common = 0;
  while (common < here.length && common < there.length && here[common]?.hash === there[common]?.hash) common += 1;
  if (common === here.length && common === there.length) return { kind: 'same', count: common };
  if (common === there.length) return { kind: 'ahead-here', common, here: here.length - common };
  if (common === here.length) return { kind: 'ahead-there', common, there: there.length - common };
  const last = common > 0 ? here[common - 1] : undefined;
  return { kind: 'diverged', common, lastCommon: last ? { seq: last.seq, hash: last.hash } : undefined, here: here.length - common, there: there.length - common };
}
