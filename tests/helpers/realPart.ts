/**
 * Whether a suite that needs a real part (tmux, Chromium, PostgreSQL, ../shared) must skip: on a developer's
 * machine without it, the suite skips and says so in one line; under CI=true, where .ci/run provides every part, a
 * missing one fails the run instead of passing it with the real tests unrun.
 */
export function skipWithout(available: boolean, what: string): boolean {
  if (available) return false;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${what} is missing, and CI must run the tests that need it`);
  console.log(`skipped: the tests that need ${what} (not available here)`);
  return true;
}
