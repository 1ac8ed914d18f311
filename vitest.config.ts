import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The same settings for `npm test` and a plain `npx vitest run`.
// - One worker per core (vitest's default leaves one core idle, which on a 2-core machine halves the suite's speed).
// - Test files share their worker's modules (isolate: false): irp's modules and a compiled playbook load once per
//   worker instead of once per file, which was most of the suite's time. Every test makes its own state folder,
//   and the in-process CLI restores the environment after each call, so no test sees another's state.
// - The runner's prompt tests replace the prompt modules with @inquirer/testing's mocks, so they run isolated.
const isolatedFiles = ['tests/runner/**/*.test.ts'];

export default defineConfig({
  test: {
    // Sized for a busy 2-core machine: a hook that builds a fixture (a replayed exercise) may take long there.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { extends: true, test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: isolatedFiles, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolatedFiles, isolate: true } },
    ],
  },
});
