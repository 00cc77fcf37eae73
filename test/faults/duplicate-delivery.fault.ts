// Fault 6: duplicate delivery on purpose. Every store job is delivered three times (the
// original plus two copies of its payload under other job ids) to two store processes working
// concurrently; each published version still ends up as one record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployment } from '../../scripts/faults/deployment.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { row } from '../../scripts/faults/ledger.js';
import { waitUntil } from '../../scripts/faults/wait.js';
import { settle, startScenario, type Scenario } from './scenario.js';

const STORIES = 20;
const UPDATED = 10;
let s: Scenario;
let db: Database;
let dep: Deployment;

beforeAll(async () => {
  s = await startScenario(2);
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

const storeWaiting = async () => (await dep.counts('store')).waiting;

describe('when every store job is delivered three times, to two store processes at once', () => {
  it('stores one record per published version', async () => {
    // Stage the store jobs first (no store worker yet), so the copies really race.
    for (const kind of ['poll', 'fetch', 'enrich']) dep.spawn(kind);
    const slugs = Array.from({ length: STORIES }, (_, i) => s.ledger.publishStory(s.feeds[i % 2].id));
    await dep.pollAll();
    await waitUntil(
      'the first versions to reach the store queue',
      async () => (await storeWaiting()) >= STORIES,
      120_000,
      500,
    );
    for (const slug of slugs.slice(0, UPDATED)) s.ledger.publishVersion(slug);
    await dep.pollAll();
    await waitUntil(
      'the second versions to reach the store queue',
      async () => (await storeWaiting()) >= STORIES + UPDATED,
      120_000,
      500,
    );

    const originals = await dep.queues.queues.store.getWaiting(0, 1000);
    for (const job of originals) {
      for (const copy of ['dup1', 'dup2'])
        await dep.queues.queues.store.add('store', job.data, { jobId: `${job.id}.${copy}` });
    }
    const started = Date.now();
    dep.spawn('store');
    dep.spawn('store');
    await waitUntil(
      'the store queue to drain',
      async () => {
        const c = await dep.counts('store');
        return c.waiting + c.active + c.delayed === 0 && c.completed === originals.length * 3;
      },
      120_000,
      500,
    );
    const { verdict, settledAt } = await settle(s, db.url, 10_000);
    const outcomes = (await dep.queues.queues.store.getCompleted(0, 1000)).map(
      (j) => (j.returnvalue as { outcome: string }).outcome,
    );
    const tally = Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));
    console.log(
      row(
        'duplicate delivery',
        `each of ${originals.length} store jobs delivered 3× to 2 store processes`,
        verdict,
        (settledAt - started) / 1000,
      ),
    );
    console.log(`store outcomes: ${JSON.stringify(tally)}`);
    expect(originals).toHaveLength(STORIES + UPDATED);
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ published: STORIES + UPDATED, lost: 0, duplicated: 0, split: 0 });
    expect(tally.duplicate).toBe(originals.length * 2);
  });
});
