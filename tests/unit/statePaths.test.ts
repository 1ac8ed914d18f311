import { describe, expect, it } from 'vitest';
import { activeLeafPaths, sameStateValue } from '../../src/engine/statePaths.ts';

describe('state values', () => {
  const parallel = { response: { technical: { contain: 'isolate' }, notify: { ncsc: 'report', nca: 'done' } } };

  it('lists the active leaves in document order', () => {
    expect(activeLeafPaths(parallel)).toEqual(['response.technical.contain.isolate', 'response.notify.ncsc.report', 'response.notify.nca.done']);
    expect(activeLeafPaths('declare')).toEqual(['declare']);
  });

  it('tells an equal value made afresh from a move to another state', () => {
    expect(sameStateValue(parallel, structuredClone(parallel))).toBe(true);
    expect(sameStateValue('declare', 'declare')).toBe(true);
    expect(sameStateValue('declare', 'review')).toBe(false);
    expect(sameStateValue(parallel, 'response')).toBe(false);
    const moved = structuredClone(parallel);
    moved.response.notify.ncsc = 'done';
    expect(sameStateValue(parallel, moved)).toBe(false);
    const regionLeft = { response: { technical: { contain: 'isolate' }, notify: { ncsc: 'report' } } };
    expect(sameStateValue(parallel, regionLeft)).toBe(false);
    expect(sameStateValue(regionLeft, parallel)).toBe(false);
  });
});
