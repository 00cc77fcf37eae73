// Fault 1: kill -9 of each worker kind in the middle of jobs, repeatedly, while the simulator
// publishes stories and new versions. After the restarts, every published item and version is
// stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployment, type LedeProcess } from '../../scripts/faults/deployment.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { row } from '../../scripts/faults/ledger.js';
import { sleep } from '../../scripts/faults/wait.js';
import { settle, startPublisher, startScenario, type Scenario } from './scenario.js';

const kinds = ['poll', 'fetch', 'enrich', 'store'] as const;
let s: Scenario;
let db: Database;
let dep: Deployment;

beforeAll(async () => {
  s = await startScenario(4);
  db = await freshDatabase();
  dep = new Deployment({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: db.url,
    feeds: s.feeds,
    allowHost: s.allowHost,
  });
});

afterAll(async () => {
  await dep?.destroy();
  await db?.drop();
  await s?.sim.close();
});

describe('when worker processes are killed with SIGKILL mid-run, again and again', () => {
  it('stores every published story and version exactly once after they restart', async () => {
    const procs = new Map<string, LedeProcess>(kinds.map((k) => [k, dep.spawn(k)]));
    const stopPolling = dep.pollEvery(1_000);
    const stopPublishing = startPublisher(s, db.url, 400);
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      for (const kind of kinds) {
        await sleep(4_000);
        await procs.get(kind)!.kill('SIGKILL');
        kills += 1;
        await sleep(500);
        procs.set(kind, dep.spawn(kind));
      }
    }
    const lastRestart = Date.now();
    await stopPublishing();
    const { verdict, settledAt, torn } = await settle(s, db.url, 240_000);
    stopPolling();
    const failed = await Promise.all(kinds.map(async (k) => (await dep.counts(k)).failed));
    console.log(
      row(
        'kill -9 of each worker kind',
        `${kills} × SIGKILL (poll, fetch, enrich, store in turn, every 4 s)`,
        verdict,
        (settledAt - lastRestart) / 1000,
      ),
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, split: 0 });
    expect(torn).toEqual([]);
    expect(verdict.published).toBeGreaterThan(50);
    expect(failed).toEqual([0, 0, 0, 0]);
  });
});
