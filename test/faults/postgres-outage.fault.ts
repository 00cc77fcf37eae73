// Fault 3: the PostgreSQL under the store (a cluster of our own) stops during a run, for 90 s:
// three times as long as the store jobs' whole retry budget (5 attempts, 2 s doubling, ~30 s).
// Store jobs wait without spending attempts, /readyz answers 503 naming the store, and when the
// database returns nothing is lost or half-written (each version is one whole article row,
// exactly once) and nothing is in the failed set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployment } from '../../scripts/faults/deployment.js';
import { freshDatabase, startOwnPostgres, type Database, type OwnPostgres } from '../../scripts/faults/postgres.js';
import { row } from '../../scripts/faults/ledger.js';
import { sleep, waitUntil } from '../../scripts/faults/wait.js';
import { settle, startPublisher, startScenario, type Scenario } from './scenario.js';

const PG_PORT = 5439;
const API_PORT = 18392;
const OUTAGE_MS = 90_000;
let s: Scenario;
let pg: OwnPostgres;
let db: Database;
let dep: Deployment;

beforeAll(async () => {
  s = await startScenario(4);
  pg = startOwnPostgres(PG_PORT);
  db = await freshDatabase(pg.serverUrl);
  // The production retry policy (5 attempts, 2 s doubling), which alone would give up after ~30 s.
  dep = new Deployment({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: db.url,
    feeds: s.feeds,
    allowHost: s.allowHost,
    env: { LEDE_QUEUE_ATTEMPTS: '5', LEDE_QUEUE_BACKOFF_MS: '2000' },
  });
});

afterAll(async () => {
  await dep?.destroy();
  pg?.destroy();
  await s?.sim.close();
});

const readyz = async () => {
  const res = await fetch(`http://127.0.0.1:${API_PORT}/readyz`);
  return { status: res.status, body: (await res.json()) as { redis: string; store: string } };
};

describe('when PostgreSQL stops for 90 s during a run', () => {
  it('reports it on /readyz, holds the store jobs without spending attempts and loses nothing once it is back', async () => {
    for (const kind of ['poll', 'fetch', 'enrich', 'store']) dep.spawn(kind);
    await dep.spawnApi(API_PORT);
    const stopPolling = dep.pollEvery(1_000);
    const stopPublishing = startPublisher(s, db.url, 400);
    await sleep(12_000);
    // A burst just before the outage, so fetched and enriched items reach the store while it
    // is down (polling itself needs the database, so nothing new is polled during it).
    for (let i = 0; i < 20; i++) s.ledger.publishStory(s.feeds[i % s.feeds.length].id);
    await waitUntil(
      'the burst to be polled',
      async () => {
        const c = await dep.counts('fetch');
        return c.waiting + c.active + c.delayed >= 10;
      },
      10_000,
      50,
    );

    pg.stop();
    const down = await waitUntil(
      '/readyz to report the store down',
      async () => {
        const r = await readyz();
        return r.status === 503 && r.body.store !== 'ok' && r;
      },
      10_000,
    );
    await sleep(OUTAGE_MS);
    const held = await dep.queues.queues.store.getJobs(['delayed', 'wait', 'active', 'failed']);
    const retriedDuringOutage = held.length;
    const attemptsSpent = held.reduce((n, j) => n + j.attemptsMade, 0);
    pg.start();
    const backAt = Date.now();
    await waitUntil('/readyz to report ready again', async () => (await readyz()).status === 200, 30_000);
    await sleep(8_000);
    await stopPublishing();
    const { verdict, settledAt, torn } = await settle(s, db.url, 180_000);
    stopPolling();
    const failed = await dep.queues.queues.store.getFailed();
    console.log(
      row(
        'PostgreSQL outage',
        `pg_ctl stop -m fast, down ${OUTAGE_MS / 1000} s, started again`,
        verdict,
        (settledAt - backAt) / 1000,
      ),
    );
    console.log(
      `store jobs held back by the outage: ${retriedDuringOutage}, attempts they spent: ${attemptsSpent}; failed: ${failed.map((j) => j.failedReason).join('; ') || 'none'}`,
    );
    expect(down.status).toBe(503);
    expect(down.body.redis).toBe('ok');
    expect(down.body.store).not.toBe('ok');
    expect(retriedDuringOutage).toBeGreaterThan(0);
    expect(attemptsSpent).toBe(0);
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, split: 0 });
    expect(torn).toEqual([]);
    expect(failed).toEqual([]);
    // No process died on the lost connections (a crash would stop its stage for good).
    expect(dep.processes.filter((p) => !p.alive()).map((p) => p.name)).toEqual([]);
  });
});
