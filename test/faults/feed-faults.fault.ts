// Fault 4: feeds whose server misbehaves in every way the simulator knows (500s, hung
// connections, resets, a slow drip, a redirect loop, truncated XML, an endless body). Each poll
// ends within its limit with the reason recorded (feed health lastError, failed job reason),
// and a healthy feed on the same host keeps flowing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployment, FAST_CONFIG } from '../../scripts/faults/deployment.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { row } from '../../scripts/faults/ledger.js';
import { generateStories } from '../../src/simulator/generate.js';
import type { Fault } from '../../src/simulator/server.js';
import { sleep, waitUntil } from '../../scripts/faults/wait.js';
import { settle, startScenario, type Scenario } from './scenario.js';

const API_PORT = 18393;
const TIMEOUT_MS = FAST_CONFIG.fetch.timeoutMs;

/** Bad feed id → the fault its server answers with, and the reason lede must record. */
const bad: Record<string, { fault: Fault; reason: RegExp }> = {
  'status-500': { fault: { kind: 'status', status: 500 }, reason: /HTTP 500/ },
  timeout: { fault: { kind: 'timeout' }, reason: new RegExp(`took longer than ${TIMEOUT_MS} ms|stopped responding`) },
  reset: { fault: { kind: 'reset' }, reason: /socket|reset|closed/i },
  drip: {
    fault: { kind: 'drip', bytesPerSecond: 300 },
    reason: new RegExp(`took longer than ${TIMEOUT_MS} ms|stopped responding`),
  },
  'redirect-loop': { fault: { kind: 'redirect-loop' }, reason: /more than \d+ redirects/ },
  truncated: { fault: { kind: 'truncated' }, reason: /./ },
  endless: { fault: { kind: 'endless' }, reason: /exceeds .*limit/ },
};

let s: Scenario;
let db: Database;
let dep: Deployment;

beforeAll(async () => {
  s = await startScenario(1);
  const badIds = Object.keys(bad);
  // Something to serve (and to drip, truncate or endlessly pad) on every bad feed.
  generateStories(badIds.length * 3, 7).forEach((story, i) =>
    s.sim.publish({ ...story, slug: `bad-${i}` }, badIds[i % badIds.length]),
  );
  for (const [id, { fault }] of Object.entries(bad)) s.sim.setFault(`/feeds/${id}.rss`, fault);
  db = await freshDatabase();
  dep = new Deployment({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: db.url,
    feeds: [...s.feeds, ...badIds.map((id) => ({ id, url: s.sim.feedUrl(id) }))],
    allowHost: s.allowHost,
  });
});

afterAll(async () => {
  await dep?.destroy();
  await db?.drop();
  await s?.sim.close();
});

describe('when feed servers misbehave', () => {
  it('fails each bad poll within its limit with the reason recorded, while a good feed flows', async () => {
    for (const kind of ['poll', 'fetch', 'enrich', 'store']) dep.spawn(kind);
    await dep.spawnApi(API_PORT);
    const stopPolling = dep.pollEvery(2_000);
    for (let i = 0; i < 12; i++) {
      s.ledger.publishStory(s.feeds[0].id);
      await sleep(1_000);
    }
    const health = await waitUntil(
      'every bad feed to record its error',
      async () => {
        const res = await fetch(`http://127.0.0.1:${API_PORT}/v1/feeds`);
        const feeds = ((await res.json()) as { items: Array<{ id: string; health: { lastError?: string } }> }).items;
        return Object.keys(bad).every((id) => feeds.find((f) => f.id === id)?.health.lastError) && feeds;
      },
      60_000,
    );
    const { verdict } = await settle(s, db.url, 60_000);
    stopPolling();
    await sleep(TIMEOUT_MS + 1_000);

    const failed = await dep.queues.queues.poll.getFailed(0, 1000);
    const report: string[] = [];
    for (const [id, { reason }] of Object.entries(bad)) {
      const lastError = health.find((f) => f.id === id)!.health.lastError!;
      const jobs = failed.filter((j) => j.data.feedId === id);
      const slowestMs = Math.max(...jobs.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)));
      report.push(`${id}: ${jobs.length} failed polls, slowest ${slowestMs} ms, reason "${lastError}"`);
      expect(lastError, id).toMatch(reason);
      expect(jobs.length, id).toBeGreaterThan(0);
      expect(jobs[0].failedReason, id).toContain(lastError);
      // Each poll ends within the request limit (plus a little for the store write).
      expect(slowestMs, id).toBeLessThan(TIMEOUT_MS + 3_000);
    }
    console.log(report.join('\n'));
    console.log(
      row(
        'feed server faults',
        `7 feeds: ${Object.keys(bad).join(', ')}; 1 healthy feed alongside`,
        verdict,
        'n/a (feeds stay failing)',
      ),
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, split: 0 });
  });
});
