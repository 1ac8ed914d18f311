import type { Blocker } from '../errors.ts';

export type { Blocker } from '../errors.ts';
export { blockerText } from '../problems/problemText.ts';

export const sameBlocker = (a: Blocker, b: Blocker) => JSON.stringify(a) === JSON.stringify(b);
