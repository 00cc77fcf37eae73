// Fault 2: the Redis under the queues (our own, AOF on, fsync every second) goes away during a
// run and comes back. Workers and the API reconnect by themselves, jobs keep completing after
// the restart, and nothing is lost. Two ways down: a clean shutdown (SIGTERM: Redis flushes
// the AOF) and a crash (SIGKILL: up to the last second of writes may be missing from the AOF).
import { afterEach, describe, expect, it } from 'vitest';
import { Deployment } from '../../scripts/faults/deployment.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { startOwnRedis, type OwnRedis } from '../../scripts/faults/redis-server.js';
import { articleReader, row } from '../../scripts/faults/ledger.js';
import { sleep, waitUntil } from '../../scripts/faults/wait.js';
import { settle, startPublisher, startScenario, type Scenario } from './scenario.js';

const REDIS_PORT = 6391;
const API_PORT = 18391;
let s: Scenario | undefined;
let db: Database | undefined;
let dep: Deployment | undefined;
let redis: OwnRedis | undefined;

afterEach(async () => {
  await dep?.destroy();
  await redis?.destroy();
  await db?.drop();
  await s?.sim.close();
});

const readyz = async () => {
  const res = await fetch(`http://127.0.0.1:${API_PORT}/readyz`);
  return { status: res.status, body: (await res.json()) as { redis: string; store: string } };
};

describe.each(['SIGTERM', 'SIGKILL'] as const)(
  'when Redis stops (%s) for 5 s during a run and comes back',
  (signal) => {
    it('reconnects every process, keeps completing jobs and loses nothing', async () => {
      s = await startScenario(4);
      db = await freshDatabase();
      redis = await startOwnRedis(REDIS_PORT);
      dep = new Deployment({ redisUrl: redis.url, databaseUrl: db.url, feeds: s.feeds, allowHost: s.allowHost });
      for (const kind of ['poll', 'fetch', 'enrich', 'store']) dep.spawn(kind);
      await dep.spawnApi(API_PORT);
      const stopPolling = dep.pollEvery(1_000);
      const stopPublishing = startPublisher(s, db.url, 400);
      await sleep(12_000);

      await redis.stop(signal);
      const down = await waitUntil(
        '/readyz to report Redis down',
        async () => {
          const r = await readyz();
          return r.status === 503 && r.body.redis !== 'ok' && r;
        },
        10_000,
      );
      await sleep(5_000);
      await redis.start();
      const restartedAt = Date.now();
      await waitUntil('/readyz to report ready again', async () => (await readyz()).status === 200, 30_000);

      // Stories published after the restart are stored too: the workers did not silently stop.
      const before = s.ledger.publishedCount;
      await sleep(10_000);
      await stopPublishing();
      const { verdict, settledAt, torn } = await settle(s, db.url, 180_000);
      stopPolling();
      const reader = articleReader(db.url);
      const storedAfter = (await reader.rows()).filter((r) => Date.parse(r.created_at) > restartedAt).length;
      await reader.close();
      console.log(
        row(
          `Redis ${signal === 'SIGTERM' ? 'restart' : 'crash (kill -9)'}`,
          `Redis ${signal}, down 5 s, restarted (AOF everysec)`,
          verdict,
          (settledAt - restartedAt) / 1000,
        ),
      );
      expect(down.body.redis).not.toBe('ok');
      expect(s.ledger.publishedCount).toBeGreaterThan(before);
      expect(storedAfter).toBeGreaterThan(0);
      expect(verdict.problems).toEqual([]);
      expect(verdict).toMatchObject({ lost: 0, duplicated: 0, split: 0 });
      expect(torn).toEqual([]);
      expect(dep.processes.every((p) => p.alive())).toBe(true);
    });
  },
);
