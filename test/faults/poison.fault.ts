// Fault 5: a poison item, whose page always answers 500, ends in the failed set after its
// attempts with its reason, and blocks nothing behind it in the same feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployment } from '../../scripts/faults/deployment.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { guidOf, row } from '../../scripts/faults/ledger.js';
import { generateStories } from '../../src/simulator/generate.js';
import { sleep, waitUntil } from '../../scripts/faults/wait.js';
import { settle, startScenario, type Scenario } from './scenario.js';

const ATTEMPTS = 4;
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
    env: { LEDE_QUEUE_ATTEMPTS: String(ATTEMPTS), LEDE_QUEUE_BACKOFF_MS: '3000' },
  });
});

afterAll(async () => {
  await dep?.destroy();
  await db?.drop();
  await s?.sim.close();
});

describe('when one item can never be processed', () => {
  it('fails it after its attempts with the reason, and stores everything published after it', async () => {
    for (const kind of ['poll', 'fetch', 'enrich', 'store']) dep.spawn(kind);
    const poison = { ...generateStories(1, 99)[0], slug: 'poison-pill' };
    s.sim.setFault(`/news/${poison.slug}`, { kind: 'status', status: 500 });
    s.sim.publish(poison, s.feeds[0].id);
    const stopPolling = dep.pollEvery(1_000);
    const publishedAt = Date.now();
    for (let i = 0; i < 20; i++) {
      s.ledger.publishStory(s.feeds[i % 2].id);
      await sleep(300);
    }
    const { verdict, settledAt } = await settle(s, db.url, 120_000);
    const failed = await waitUntil(
      'the poison job in the failed set',
      async () => {
        const jobs = await dep.queues.queues.fetch.getFailed();
        return jobs.find((j) => j.data.guid === guidOf(poison.slug));
      },
      60_000,
    );
    stopPolling();
    console.log(
      row(
        'poison item',
        `page of 1 item always answers 500 (${ATTEMPTS} attempts)`,
        verdict,
        (settledAt - publishedAt) / 1000,
      ),
    );
    console.log(
      `poison job: attempts ${failed.attemptsMade}, reason "${failed.failedReason}"; items behind it stored ${((settledAt - publishedAt) / 1000).toFixed(1)} s after publishing began`,
    );
    expect(failed.attemptsMade).toBe(ATTEMPTS);
    expect(failed.failedReason).toMatch(/HTTP 500/);
    // Behind it: everything else stored, and before the poison had run out of attempts.
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, split: 0 });
    expect(settledAt).toBeLessThan(failed.finishedOn!);
    expect((await dep.counts('fetch')).failed).toBe(1);
  });
});
