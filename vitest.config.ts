import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

// The longest files, longest first, whatever vitest's duration cache holds: a fresh clone has
// none, and vitest then starts the largest files first, which left one of these to start last
// and hold up the end of the run while the other worker sat idle.
const LONGEST_FIRST = [
  'test/extract/pool.test.ts',
  'test/cli/process.test.ts',
  'test/cli/process-concurrency.test.ts',
  'test/workers/database-outage.test.ts',
  'test/workers/shutdown.test.ts',
  'test/workers/npm-stop.test.ts',
  'test/app/start-without-dependencies.test.ts',
  'test/e2e/redis-topologies.test.ts',
  'test/workers/shutdown-redis-down.test.ts',
  'test/e2e/politeness.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = LONGEST_FIRST.indexOf(relative(file.project.config.root, file.moduleId));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // A stable sort: every other file keeps vitest's order (by project, then by duration).
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // Finds (or starts) the Redis and PostgreSQL the tests use, and compiles the processes the
    // tests start to JavaScript once; see the files.
    globalSetup: ['test/support/global-setup.ts', 'test/support/compiled.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
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
