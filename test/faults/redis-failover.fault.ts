// Faults 7 and 8: the Redis deployments that fail over. A Redis Cluster master is killed with
// kill -9 (its replica is promoted), and a Sentinel-watched primary is killed (Sentinel
// promotes the replica), while stories and versions are published and every worker kind runs
// as its own process. Nothing may be lost, doubled or split; the recovery time is recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { Deployment } from '../../scripts/faults/deployment.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { row } from '../../scripts/faults/ledger.js';
import { sleep, waitUntil } from '../../scripts/faults/wait.js';
import {
  keySlot,
  masterOfSlot,
  startRedisCluster,
  startRedisSentinel,
  type RedisTopology,
} from '../support/redis-topology.js';
import { settle, startPublisher, startScenario, type Scenario } from './scenario.js';

const API_PORT = 18397;
let s: Scenario | undefined;
let db: Database | undefined;
let dep: Deployment | undefined;
let topology: RedisTopology | undefined;

afterEach(async () => {
  await dep?.destroy();
  await topology?.close();
  await db?.drop();
  await s?.sim.close();
});

const ready = async () => (await fetch(`http://127.0.0.1:${API_PORT}/readyz`).catch(() => undefined))?.status === 200;

/** Start everything, publish for a while, run `fail` (which returns when failover is seen), go on, settle. */
async function runThroughFailover(
  start: () => Promise<RedisTopology>,
  fail: (t: RedisTopology, d: Deployment) => Promise<void>,
) {
  s = await startScenario(4);
  db = await freshDatabase();
  topology = await start();
  dep = new Deployment({ redisUrl: topology.url, databaseUrl: db.url, feeds: s.feeds, allowHost: s.allowHost });
  for (const kind of ['poll', 'fetch', 'enrich', 'store']) dep.spawn(kind);
  await dep.spawnApi(API_PORT);
  const stopPolling = dep.pollEvery(1_000);
  const stopPublishing = startPublisher(s, db.url, 400);
  await sleep(12_000);

  const killedAt = Date.now();
  await fail(topology, dep);
  const failedOverAt = Date.now();
  await waitUntil('/readyz to report ready after the failover', ready, 60_000);

  const before = s.ledger.publishedCount;
  await sleep(10_000);
  await stopPublishing();
  const { verdict, settledAt, torn } = await settle(s, db.url, 180_000);
  stopPolling();
  return { verdict, torn, killedAt, failedOverAt, settledAt, publishedAfter: s.ledger.publishedCount - before };
}

type FailoverRun = Awaited<ReturnType<typeof runThroughFailover>>;

/** Print the RELIABILITY.md row, then check that the run lost, doubled and split nothing. */
function reportAndCheck(r: FailoverRun, fault: string, injected: string): void {
  const failover = ((r.failedOverAt - r.killedAt) / 1000).toFixed(1);
  console.log(row(fault, `${injected} after ${failover} s`, r.verdict, (r.settledAt - r.killedAt) / 1000));
  expect(r.publishedAfter).toBeGreaterThan(0);
  expect(r.verdict.problems).toEqual([]);
  expect(r.verdict).toMatchObject({ lost: 0, duplicated: 0, split: 0 });
  expect(r.torn).toEqual([]);
  expect(dep!.processes.every((p) => p.alive())).toBe(true);
}

describe('when a Redis Cluster master is killed (kill -9) during a run', () => {
  it('the replica takes over, every process carries on and nothing is lost or doubled', async () => {
    const r = await runThroughFailover(startRedisCluster, async (t, d) => {
      // Kill the master holding lede's slot: every queue key lives there (hash-tagged prefix).
      const slot = await keySlot(t, `${d.prefix}:poll:id`);
      const port = await masterOfSlot(t, slot);
      t.nodes.find((n) => n.port === port)!.kill();
      await waitUntil(
        "a replica promoted for lede's slot",
        async () => (await masterOfSlot(t, slot).catch(() => port)) !== port,
        60_000,
      );
    });
    reportAndCheck(r, 'Redis Cluster master kill -9', "master of lede's slot killed; replica promoted");
  });
});

describe('when the Sentinel-watched primary is killed (kill -9) during a run', () => {
  it('Sentinel promotes the replica, every process follows it and nothing is lost or doubled', async () => {
    const r = await runThroughFailover(
      () => startRedisSentinel(),
      async (t) => {
        const sentinel = t as Awaited<ReturnType<typeof startRedisSentinel>>;
        const port = await sentinel.primaryPort();
        t.nodes.find((n) => n.port === port)!.kill();
        await waitUntil('Sentinel to name a new primary', async () => (await sentinel.primaryPort()) !== port, 60_000);
      },
    );
    reportAndCheck(r, 'Sentinel primary kill -9', 'primary killed; Sentinel failover');
  });
});
