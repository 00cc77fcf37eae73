// Two store workers, each with its own Redis connection and its own PostgreSQL pool, handle
// versions and syndicated copies of the same stories at the same moment: every group must end
// as one story, never two.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRedis } from '../../src/shared/redis.js';
import { PipelineQueues } from '../../src/queues/producers.js';
import type { StorePayload } from '../../src/queues/payloads.js';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { defaultThresholds } from '../../src/stories/match.js';
import { startStoreWorker } from '../../src/workers/store.worker.js';
import { generateStories } from '../../src/simulator/generate.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';
import { PG_URL } from '../support/postgres.js';

const schema = `lede_test_${randomBytes(6).toString('hex')}`;
const prefix = uniquePrefix('parallel');
const config = loadConfig({ LEDE_REDIS_PREFIX: prefix, REDIS_URL }, 'config/lede.yaml');
const logger = createLogger('silent');
const stores: Store[] = [];
const workers: Worker[] = [];
const connections = [
  createRedis(REDIS_URL, 'worker'),
  createRedis(REDIS_URL, 'worker'),
  createRedis(REDIS_URL, 'worker'),
];
const producer = new PipelineQueues(connections[2], prefix, config.queues);

// Distinct stories (the simulator's generator writes each one differently).
const bases = generateStories(8, 7);

function storyText(i: number, extra: string[] = []): string {
  return [...bases[i].paragraphs, ...extra].join('\n\n');
}

function payload(key: string, feedId: string, text: string, title: string, guid?: string, url?: string): StorePayload {
  return {
    action: 'store',
    correlationId: key,
    feedId,
    itemKey: key,
    contentHash: randomBytes(6).toString('hex'),
    guid,
    url,
    fetchedAt: new Date().toISOString(),
    article: { title, authors: [], bodyText: text, wordCount: text.split(/\s+/).length, credits: [], sources: {} },
    enrichment: { language: 'en', entities: [], topics: [], keywords: [] },
  };
}

beforeAll(async () => {
  for (let i = 0; i < 2; i += 1) {
    const store = await openStore(PG_URL, { schema });
    await store.migrate();
    stores.push(store);
    workers.push(
      startStoreWorker(
        {
          connection: connections[i],
          config: { ...config, queues: { ...config.queues, concurrency: { ...config.queues.concurrency, store: 4 } } },
          logger,
          queues: producer,
        },
        store,
        defaultThresholds,
      ),
    );
  }
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await producer.close();
  for (const s of stores) await s.close();
  for (const c of connections) c.disconnect();
  await deleteKeys(prefix);
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

describe('two store workers on real Redis and PostgreSQL', () => {
  it('never split a story whose versions and copies arrive at the same moment', async () => {
    const groups = 8;
    const jobs: StorePayload[] = [];
    for (let i = 0; i < groups; i += 1) {
      const guid = `urn:wire:${i}`;
      const url = `https://wire.example/story/${i}`;
      // Version 1 and a write-thru with the same guid, plus a syndicated copy elsewhere.
      jobs.push(payload(`v1-${i}`, 'wire', storyText(i), `Story ${i}`, guid, url));
      jobs.push(
        payload(
          `v2-${i}`,
          'wire',
          storyText(i, [
            `Later on Monday, officials added that an inquiry into the events described above would report its findings by Friday.`,
          ]),
          `Story ${i}, updated`,
          guid,
          url,
        ),
      );
      jobs.push(
        payload(
          `copy-${i}`,
          'paper',
          storyText(i),
          `Paper headline ${i}`,
          `urn:paper:${i}`,
          `https://paper.example/news/${i}`,
        ),
      );
    }
    await Promise.all(jobs.map((p) => producer.add('store', p)));
    const store = stores[0];
    await waitFor(
      'every job stored',
      async () => {
        const counts = await producer.queues.store.getJobCounts('completed', 'failed');
        if (counts.failed) throw new Error(`${counts.failed} store jobs failed`);
        return counts.completed === jobs.length;
      },
      60_000,
    );

    const stories = await store.listStories({ limit: 100 });
    expect(stories.items).toHaveLength(groups);
    for (const story of stories.items) {
      const versions = await store.getStoryVersions(story.id);
      // v1 and v2 are distinct versions; the copy is identical to v1 or joins as a version.
      expect(versions.length).toBeGreaterThanOrEqual(2);
      expect(new Set(versions.map((v) => v.version)).size).toBe(versions.length);
      expect(Math.max(...versions.map((v) => v.version))).toBe(story.version);
    }
  }, 90_000);
});
