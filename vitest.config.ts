import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds (or starts) the Redis and PostgreSQL the tests use; see the file.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Queue and e2e tests share one Redis and one PostgreSQL; each file isolates itself by
    // prefix or schema, but two cores are all there is, so keep parallelism modest.
    maxWorkers: 2,
  },
});
