import { defineConfig } from 'vitest/config';

// The fault suite (`npm run test:faults`): real worker processes, a Redis and a PostgreSQL of
// its own, minutes per scenario. Kept out of `npm test` by its file suffix (*.fault.ts).
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Scenarios spawn several processes each; one at a time on a 2-core machine.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
