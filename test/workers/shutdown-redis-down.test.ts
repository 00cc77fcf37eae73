// SIGTERM to a worker process whose Redis has gone away (a Redis of our own, killed): the stop
// does not wait for Redis to come back. Active jobs get the grace period, connections are
// dropped, the process exits; a second signal exits at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createRedis } from '../../src/shared/redis.js';
import { PipelineQueues } from '../../src/queues/producers.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { startOwnRedis, type OwnRedis } from '../../scripts/faults/redis-server.js';
import { freePort } from '../support/ports.js';
import { records, startLede, type LedeProcess } from '../support/lede-process.js';
import { waitFor } from '../support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-stop-redis-down-'));
let redis: OwnRedis;
let redisUp = false;
let sim: WireSimulator;

beforeAll(async () => {
  redis = await startOwnRedis(await freePort());
  redisUp = true;
  sim = await startWireSimulator({ stories: loadStories().slice(0, 4), feeds: ['wire'] });
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - id: wire\n    url: ${sim.feedUrl('wire')}\n    interval: 3600\n`);
}, 60_000);

afterAll(async () => {
  await sim.close();
  await redis.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function startWorkerThenLoseRedis(kinds: string[], onStarted?: () => Promise<void>): Promise<LedeProcess> {
  if (!redisUp) await redis.start();
  redisUp = true;
  const lede = startLede('src/workers/main.ts', kinds, {
    REDIS_URL: redis.url,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_FEEDS: join(dir, 'feeds.yaml'),
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(sim.url).host,
    LEDE_EXTRACT_WORKERS: '1',
    // The job in flight cannot finish, so the stop waits out the grace period's first half (the
    // other half is kept for closing, which takes well under a second here).
    LEDE_SHUTDOWN_GRACE_SECONDS: '4',
  });
  await lede.line(/workers started/);
  await onStarted?.();
  await redis.stop('SIGKILL');
  redisUp = false;
  await lede.line(/redis unreachable, retrying/);
  return lede;
}

describe('a worker process whose Redis is down', () => {
  it('stops on SIGTERM with a job in flight, exiting 0 with nothing but log lines', async () => {
    // The feed never answers: its poll job stays in flight until the process stops. (No fetch
    // stage: its extraction child would only add a second of loading models to the start.)
    sim.setFault('/feeds/', { kind: 'timeout' });
    const lede = await startWorkerThenLoseRedis(['poll', 'enrich', 'store'], async () => {
      const connection = createRedis(redis.url, 'worker');
      const queues = new PipelineQueues(connection, 'lede', loadConfig({}, 'config/lede.yaml').queues);
      try {
        await queues.add('poll', { feedId: 'wire', trigger: 'manual' });
        await waitFor(
          'the poll job in flight',
          async () => (await queues.queues.poll.getJobCounts('active')).active > 0,
          60_000,
        );
      } finally {
        connection.disconnect();
        await queues.close();
      }
    });
    lede.child.kill('SIGTERM');
    expect(await lede.exited).toBe(0);
    const logged = records(lede.lines);
    expect(logged.map((r) => r.msg)).toContain('shutting down: finishing active jobs');
    // The poll was still in flight at the jobs' deadline, and the stop went on without it.
    expect(logged.map((r) => r.msg)).toContain('shutdown: jobs still active at the deadline; they will be retried');
    expect(String(logged.at(-1)!.msg)).toMatch(/^shutdown complete/);
    sim.setFault('/feeds/', null);
  }, 240_000);

  it('exits at once on a second signal', async () => {
    // No fetch stage here either: its extraction child, loading the models, would keep the
    // output open (and the test waiting) after the exit; npm-stop.test.ts shows such a child
    // does not outlive it.
    const lede = await startWorkerThenLoseRedis(['poll', 'enrich', 'store']);
    lede.child.kill('SIGTERM');
    await lede.line(/shutting down/);
    lede.child.kill('SIGTERM');
    expect(await lede.exited).toBe(1);
    expect(records(lede.lines).at(-1)!.msg).toBe('second signal, exiting now');
  }, 240_000);
});
