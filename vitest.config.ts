import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
    // Most tests wait on child processes, sockets and timers, not the CPU: three at a time on
    // two cores halves the suite's wall time (npm test: ~9 min → ~4 min measured here).
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
