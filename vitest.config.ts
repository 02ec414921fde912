import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end and contract files first. They start labs, CLIs and terminals and are the long
 * ones; on a fresh clone (CI) vitest knows no durations and orders by file size, so a short
 * file that runs a long sweep (bad-input-sweep.test.ts's cases live in a module of their own)
 * would start last and run alone at the end. The quick unit files then fill the gaps.
 */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (file: TestSpecification) =>
      /[\\/]test[\\/](e2e|contract)[\\/]/.test(file.moduleId);
    return [...sorted.filter(long), ...sorted.filter((file) => !long(file))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
    // Most tests wait on child processes, sockets and timers, not the CPU: three at a time on
    // two cores halved the suite's wall time (npm test: ~9 min → ~4 min measured then); with
    // the fleet and day-2 e2e files three left the cores ~20% idle, four fill them.
    maxWorkers: 4,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    sequence: { sequencer: LongFilesFirst },
  },
});
