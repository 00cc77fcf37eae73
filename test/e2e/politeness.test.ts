// Per-host politeness across processes: two fetch worker processes share one host's limit
// through Redis. 50 article pages on one host, at most 2 requests in flight there at any time,
// and every page still stored; a job the limiter turns away is delayed, never failed, and
// spends no attempt.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { generateStories } from '../../src/simulator/generate.js';
import { nodeArgs } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const PAGES = 50;
const prefix = uniquePrefix('polite');
const dir = mkdtempSync(join(tmpdir(), 'lede-polite-'));
let sim: WireSimulator;
let rt: Runtime;
let workers: RunningWorkers;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sim = await startWireSimulator({ stories: generateStories(PAGES, 7), feeds: ['wire'] });
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(feedsFile, `feeds:\n  - id: wire\n    url: ${sim.feedUrl('wire')}\n    interval: 3600\n`);
  // robots.txt is fetched once per process outside the page limiter; off here so every request
  // the simulator counts during the fetch phase is an article page.
  const configFile = join(dir, 'lede.yaml');
  writeFileSync(configFile, 'fetch:\n  respectRobotsTxt: false\n');
  const env = {
    REDIS_URL,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_CONFIG: configFile,
    LEDE_FEEDS: feedsFile,
    LEDE_REDIS_PREFIX: prefix,
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(sim.url).host,
    LEDE_FETCH_PER_HOST_CONCURRENCY: '2',
    LEDE_FETCH_PER_HOST_RATE: '100',
    LEDE_EXTRACT_DOM: 'linkedom',
    LEDE_EXTRACT_WORKERS: '1',
    LEDE_LOG_LEVEL: 'warn',
  };
  rt = await createRuntime(loadConfig(env), createLogger('silent'));
  for (let i = 0; i < 2; i += 1) {
    const child = spawn(process.execPath, nodeArgs('src/workers/main.ts', ['fetch']), {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
  }
  workers = startWorkers(rt, ['poll', 'enrich', 'store']);
  // Both processes take jobs before any page job exists, so the limit is shared across them.
  await waitFor(
    'both fetch processes ready',
    async () => (await rt.queues.queues.fetch.getWorkers()).length >= 2,
    120_000,
    200,
  );
}, 150_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM')),
        ),
    ),
  );
  await workers?.stop();
  await rt?.close();
  await sim?.close();
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('two fetch worker processes with perHostConcurrency 2', () => {
  it('never have more than 2 requests in flight to the host, and store all 50 pages', async () => {
    sim.setLatency(100);
    sim.resetStats();
    // The feed answers before any page job exists, so it never overlaps the pages.
    await rt.queues.add('poll', { feedId: 'wire', trigger: 'manual' });

    await waitFor(
      'all pages stored',
      async () => (await rt.store.listArticles({ limit: 100 })).items.length === PAGES,
      240_000,
      200,
    );
    const stats = sim.stats();
    const pageRequests = Object.entries(stats.requests).filter(([path]) => path.startsWith('/news/'));

    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    // Both slots were used: the limit is a ceiling, not a single-file queue.
    expect(stats.maxInFlight).toBe(2);
    expect(pageRequests).toHaveLength(PAGES);
    expect(pageRequests.every(([, n]) => n === 1)).toBe(true);
  }, 300_000);

  it('delays the jobs the limiter turned away without failing them or spending attempts', async () => {
    const fetchQueue = rt.queues.queues.fetch;
    const counts = await fetchQueue.getJobCounts('failed', 'completed', 'delayed', 'waiting', 'active');
    expect(counts).toMatchObject({ failed: 0, completed: PAGES, delayed: 0, waiting: 0, active: 0 });
    const jobs = await fetchQueue.getJobs(['completed'], 0, PAGES);
    // Jobs were turned away more times than the 5 attempts allowed, yet each completed on its
    // first attempt: a delay is not a failure.
    const mostStarts = Math.max(...jobs.map((j) => j.attemptsStarted));
    console.info(
      `politeness: most starts of one job ${mostStarts}, total starts ${jobs.reduce((n, j) => n + j.attemptsStarted, 0)}`,
    );
    expect(mostStarts).toBeGreaterThan(rt.config.queues.attempts);
    expect(jobs.map((j) => j.attemptsMade)).toEqual(jobs.map(() => 1));
    expect(jobs.every((j) => !j.failedReason)).toBe(true);
  });
});
