import { defineConfig } from 'vitest/config';

// The same settings for `npm test` and a plain `npx vitest run`: the CLI and reliability tests start processes.
export default defineConfig({
  test: {
    dir: 'tests',
    testTimeout: 60_000,
  },
});
