// A real API for tests: SQLite file store, Redis under a unique prefix, HTTP on 127.0.0.1.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { startApi } from '../../src/api/server.js';
import type { ArticleRecord, StoryRecord } from '../../src/shared/types.js';
import type { ChangeEvent, Store } from '../../src/storage/store.js';
import { fingerprint, type StoredFingerprint } from '../../src/stories/fingerprint.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

export interface TestApi {
  rt: Runtime;
  app: FastifyInstance;
  base: string;
  prefix: string;
  close(): Promise<void>;
}

/**
 * `env` holds config environment variables (LEDE_API_KEYS, …) on top of config/lede.yaml;
 * `adjust` changes what has no variable (stream.heartbeatSeconds, …).
 */
export async function startTestApi(
  name: string,
  env: Record<string, string> = {},
  adjust: (c: Config) => Config = (c) => c,
): Promise<TestApi> {
  const prefix = uniquePrefix(name);
  const dir = mkdtempSync(join(tmpdir(), `lede-${name}-`));
  const loaded = loadConfig(
    { REDIS_URL, DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`, LEDE_REDIS_PREFIX: prefix, ...env },
    'config/lede.yaml',
  );
  const config = adjust({ ...loaded, api: { ...loaded.api, host: '127.0.0.1' } });
  const rt = await createRuntime(config, createLogger('silent'));
  const api = await startApi(rt, 0);
  return {
    rt,
    app: api.app,
    base: `http://127.0.0.1:${api.port}`,
    prefix,
    async close() {
      await api.close();
      await rt.close();
      await deleteKeys(prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// One real fingerprint reused for bulk rows: list tests need many rows, not distinct minhashes.
const sharedFingerprint = fingerprint({ title: 'bulk', bodyText: 'bulk story body text for list tests' });

export function bulkFingerprint(a: ArticleRecord): StoredFingerprint {
  return { ...sharedFingerprint, articleId: a.id, storyId: a.storyId, bandKeys: [] };
}

/**
 * Insert stories (one article each) in one transaction, each with its story.created event.
 * `make(i)` gives the article; the story's updatedAt is the article's createdAt.
 */
export async function insertStories(
  store: Store,
  count: number,
  make: (i: number) => ArticleRecord,
  story: Partial<StoryRecord> = {},
): Promise<ArticleRecord[]> {
  const articles = Array.from({ length: count }, (_, i) => make(i));
  await store.ingest(async (tx) => {
    for (const a of articles) {
      await tx.insertArticle(a, bulkFingerprint(a));
      await tx.putStory({
        id: a.storyId,
        latestArticleId: a.id,
        version: a.version,
        title: a.title,
        ...(a.feedId ? { feedId: a.feedId } : {}),
        withdrawn: false,
        firstSeenAt: a.createdAt,
        updatedAt: a.createdAt,
        ...story,
      });
      await tx.appendEvent({
        type: 'story.created',
        storyId: a.storyId,
        articleId: a.id,
        version: a.version,
        feedId: a.feedId,
        createdAt: a.createdAt,
      });
    }
  });
  return articles;
}

/** Append bare events (no rows) in one transaction; returns their seqs. */
export async function appendEvents(store: Store, events: Omit<ChangeEvent, 'seq'>[]): Promise<number[]> {
  return store.ingest(async (tx) => {
    const seqs: number[] = [];
    for (const e of events) seqs.push(await tx.appendEvent(e));
    return seqs;
  });
}
