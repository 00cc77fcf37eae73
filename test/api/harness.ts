// A real API for tests: SQLite file store, Redis under a unique prefix, and either HTTP on
// 127.0.0.1 (the default: `base` for fetch, SSE and clients that need a socket) or, with
// { listen: false }, requests through fastify's inject() only: the same routes and hooks, no port.
// `request(path)` works either way and answers a fetch Response.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { buildApi, startApi } from '../../src/api/server.js';
import type { ArticleRecord, StoryRecord } from '../../src/shared/types.js';
import type { ChangeEvent, Store } from '../../src/storage/store.js';
import { fingerprint, type StoredFingerprint } from '../../src/stories/fingerprint.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

export interface TestApi {
  rt: Runtime;
  app: FastifyInstance;
  /** http://127.0.0.1:PORT when listening, else ''. */
  base: string;
  prefix: string;
  /** One request through inject(), answered as a fetch Response. */
  request(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  close(): Promise<void>;
}

// Statuses a fetch Response may not carry a body with.
const NULL_BODY = new Set([101, 204, 205, 304]);

async function injected(
  app: FastifyInstance,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  const res = await app.inject({
    method: (init.method ?? 'GET') as 'GET',
    url: path,
    headers: init.headers,
    payload: init.body,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) headers.append(name, String(v));
  }
  return new Response(NULL_BODY.has(res.statusCode) ? null : new Uint8Array(res.rawPayload), {
    status: res.statusCode,
    headers,
  });
}

/**
 * `env` holds config environment variables (LEDE_API_KEYS, …) on top of config/lede.yaml;
 * `adjust` changes what has no variable (stream.heartbeatSeconds, …).
 */
export async function startTestApi(
  name: string,
  env: Record<string, string> = {},
  adjust: (c: Config) => Config = (c) => c,
  opts: { listen?: boolean } = {},
): Promise<TestApi> {
  const prefix = uniquePrefix(name);
  const dir = mkdtempSync(join(tmpdir(), `lede-${name}-`));
  const loaded = loadConfig(
    { REDIS_URL, DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`, LEDE_REDIS_PREFIX: prefix, ...env },
    'config/lede.yaml',
  );
  const config = adjust({ ...loaded, api: { ...loaded.api, host: '127.0.0.1' } });
  const rt = await createRuntime(config, createLogger('silent'));
  const api = opts.listen === false ? { app: await buildApi(rt), port: 0 } : await startApi(rt, 0);
  return {
    rt,
    app: api.app,
    base: api.port ? `http://127.0.0.1:${api.port}` : '',
    prefix,
    request: (path, init) => injected(api.app, path, init),
    async close() {
      await api.app.close();
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
