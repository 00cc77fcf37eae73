// SIGTERM to a real worker process in the middle of jobs: it stops taking jobs, finishes the
// ones it holds, closes its connections and exits 0; nothing is lost or written twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createRedis } from '../../src/shared/redis.js';
import { PipelineQueues } from '../../src/queues/producers.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime } from '../../src/app/runtime.js';
import { startWorkers } from '../../src/workers/start.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { compiledPath, nodeArgs } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const prefix = uniquePrefix('sigterm');
const dir = mkdtempSync(join(tmpdir(), 'lede-sigterm-'));
const dbUrl = `sqlite:${join(dir, 'lede.db')}`;
const stories = loadStories().slice(0, 6);
let sim: WireSimulator;
let env: NodeJS.ProcessEnv;
const redis = createRedis(REDIS_URL, 'worker');
let queues: PipelineQueues;

function startWorker(): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, nodeArgs('src/workers/main.ts', ['poll', 'fetch', 'enrich', 'store']), {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      if (code !== 0) console.error(stderr);
      resolve(code);
    }),
  );
  return { child, exited };
}

beforeAll(async () => {
  sim = await startWireSimulator({ stories, feeds: ['wire'] });
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(feedsFile, `feeds:\n  - id: wire\n    url: ${sim.feedUrl('wire')}\n    interval: 3600\n`);
  env = {
    PATH: process.env.PATH,
    REDIS_URL,
    DATABASE_URL: dbUrl,
    LEDE_FEEDS: feedsFile,
    LEDE_REDIS_PREFIX: prefix,
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(sim.url).host,
    LEDE_FETCH_PER_HOST_CONCURRENCY: '8',
    LEDE_EXTRACT_WORKERS: '1',
    LEDE_LOG_LEVEL: 'warn',
  };
  const config = loadConfig({ LEDE_REDIS_PREFIX: prefix }, 'config/lede.yaml');
  queues = new PipelineQueues(redis, prefix, config.queues);
});

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await sim.close();
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
});

describe('a worker process receiving SIGTERM mid-job', () => {
  it('finishes its active jobs, exits 0, and a restarted worker completes the rest exactly once', async () => {
    // Each request (feed, robots.txt, page) takes half a second: the fetch jobs are still in
    // flight when the signal comes, and done well within the grace period.
    sim.setLatency(500);
    const first = startWorker();
    await queues.add('poll', { feedId: 'wire', trigger: 'manual' });
    await waitFor(
      'fetch jobs in flight',
      async () => (await queues.queues.fetch.getJobCounts('active')).active > 0,
      60_000,
      50,
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // Nothing was abandoned mid-flight: no job is left active (it would stall) or failed.
    const counts = await queues.queues.fetch.getJobCounts('active', 'failed', 'completed', 'waiting', 'delayed');
    expect(counts.active).toBe(0);
    expect(counts.failed).toBe(0);
    expect(counts.completed + counts.waiting + counts.delayed).toBe(stories.length);

    // The restarted worker runs in this process: a second worker process would show nothing the
    // first did not, at the cost of another start.
    sim.setLatency(0);
    const rt = await createRuntime(loadConfig(env), createLogger('silent'));
    const second = startWorkers(rt, ['poll', 'fetch', 'enrich', 'store'], {
      extractWorkerEntry: compiledPath('src/extract/pool-worker.ts'),
    });
    const store = rt.store;
    try {
      const all = await waitFor(
        'every story stored',
        async () => {
          const page = await store.listStories({ limit: 100 });
          return page.items.length >= stories.length && page.items;
        },
        90_000,
      );
      // A doubled job would still be queued or running: count only once every queue is idle.
      await waitFor('every queue idle', async () => {
        const counts = await Promise.all(
          Object.values(queues.queues).map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
        );
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      });
      const articles = await store.listArticles({ limit: 100 });
      expect(all).toHaveLength(stories.length);
      expect(articles.items).toHaveLength(stories.length);
      expect(new Set(articles.items.map((a) => a.url)).size).toBe(stories.length);
    } finally {
      await second.stop();
      await rt.close();
    }
  }, 180_000);
});
