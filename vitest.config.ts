import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that run in a fresh process each, so nothing one leaves (a worker, a child, a timer)
// reaches the next: the extraction pool's own tests (children forked, killed and hung on
// purpose), the CLI's, the SQLite race, the stream and worker-metrics files. The other files
// share their worker process's module cache: jsdom, bullmq, fastify and the models load once
// per worker process, not once per file (most of the suite's time was that). The e2e, worker
// and start-up files are among them: they start pipelines, lede processes and Redis servers,
// and stop each in their own hooks (afterAll, onTestFinished); isolated, each paid about 4 s
// of CPU (on a busy machine) importing src again.
const PROCESS_FILES = [
  'test/cli/commands.test.ts',
  'test/cli/process.test.ts',
  'test/cli/process-concurrency.test.ts',
  'test/deploy/monitoring.test.ts',
  'test/workers/worker-metrics.test.ts',
  'test/extract/pool.test.ts',
  'test/storage/sqlite.test.ts',
  'test/stories/parallel-workers.test.ts',
  'test/stream/**/*.test.ts',
];

// The longest files of each project, longest first, whatever vitest's duration cache holds: a
// fresh clone has none, and vitest then starts the largest files first, which left one of these
// to start last and hold up the end of the run while the other worker sat idle. The isolated
// project runs first: vitest keeps a shared worker process (and its module cache) only while
// the next file in the queue is a shared one too, so the two projects' files must not mix.
const LONGEST_FIRST = [
  'test/extract/pool.test.ts',
  'test/cli/process.test.ts',
  'test/cli/process-concurrency.test.ts',
  'test/e2e/politeness.test.ts',
  'test/workers/npm-stop.test.ts',
  'test/workers/shutdown.test.ts',
  'test/workers/database-outage.test.ts',
  'test/e2e/redis-topologies.test.ts',
  'test/e2e/websub.test.ts',
  'test/workers/shutdown-redis-down.test.ts',
  'test/storage/postgres.test.ts',
  'test/app/start-without-dependencies.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = LONGEST_FIRST.indexOf(relative(file.project.config.root, file.moduleId));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const project = (file: TestSpecification) => (file.project.name === 'isolated' ? 0 : 1);
    // A stable sort: every other file keeps vitest's order (by project, then by duration).
    return (await super.sort(files)).sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
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
