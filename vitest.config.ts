import { defineConfig } from 'vitest/config';

// Tests share one machine with 2 cores; servers and indexes are built per file, so
// files run in parallel forks but never more than the cores we have.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
