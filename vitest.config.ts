import { defineConfig } from 'vitest/config';

// Files that start lede's processes, stage workers, extraction pools or their own Redis: each
// runs in a fresh process, so nothing one leaves running (a worker, a child, a timer) reaches
// the next. The other files (in the same folders too: parsing deployment files, mapping errors,
// an HTTP server they close) share their process's module cache: jsdom, bullmq, fastify and the
// models load once per worker process, not once per file (most of the suite's time was that).
// Vitest runs one project's files after the other's ("isolated" first), each project's longest
// first: every long file is here, so none starts late and holds up the end of the run.
const PROCESS_FILES = [
  'test/app/**/*.test.ts',
  'test/cli/commands.test.ts',
  'test/cli/process.test.ts',
  'test/cli/process-concurrency.test.ts',
  'test/cli/process-html.test.ts',
  'test/deploy/monitoring.test.ts',
  'test/e2e/**/*.test.ts',
  'test/workers/database-outage.test.ts',
  'test/workers/npm-stop.test.ts',
  'test/workers/shutdown.test.ts',
  'test/workers/shutdown-redis-down.test.ts',
  'test/workers/worker-metrics.test.ts',
  'test/extract/pool.test.ts',
  'test/storage/sqlite.test.ts',
  'test/stories/parallel-workers.test.ts',
  'test/stream/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Finds (or starts) the Redis and PostgreSQL the tests use, and compiles the processes the
    // tests start to JavaScript once; see the files.
    globalSetup: ['test/support/global-setup.ts', 'test/support/compiled.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Queue and e2e tests share one Redis and one PostgreSQL; each file isolates itself by
    // prefix or schema, but two cores are all there is, so keep parallelism modest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: PROCESS_FILES, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: PROCESS_FILES } },
    ],
  },
});
