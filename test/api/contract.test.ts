// The API as a generated client sees it: every operation of /openapi.json is called on a
// populated store, in plain JSON and ninjs, succeeding and failing, and every answer is checked
// against the response the document declares for its status and media type; ninjs items also
// against the unedited IPTC ninjs 2.1 schema (the document's Ninjs component refers to it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';
import { article, fullArticle } from '../storage/fixtures.js';
import { bulkFingerprint, insertStories, startTestApi, type TestApi } from './harness.js';
import { createValidators } from './schemas.js';

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        responses: Record<string, { content?: Record<string, { schema: object }> }>;
      }
    >
  >;
};
const doc = openApiDocument as unknown as Doc;
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, ...op })),
);
const { validateAgainst, expectValidNinjs } = createValidators();

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  body: unknown;
}

/** Check one answer against what the document declares for this operation and status. */
function checkAgainstDocument(operationId: string, res: Answer) {
  const op = operations.find((o) => o.operationId === operationId)!;
  const declared = op.responses[String(res.status)] ?? (res.status >= 500 ? op.responses.default : undefined);
  expect(declared, `${operationId} answered ${res.status}, which the document does not declare`).toBeDefined();
  if (!declared.content) {
    expect(res.text, `${operationId} ${res.status} declares no body`).toBe('');
    return;
  }
  const media = declared.content[res.type];
  expect(media, `${operationId} ${res.status} answered ${res.type}, not declared`).toBeDefined();
  if (res.type.endsWith('json')) validateAgainst(media.schema, res.body, `${operationId} ${res.status}`);
}

describe('the API against its OpenAPI document', () => {
  let api: TestApi;
  let keyed: TestApi;
  const called = new Set<string>();

  async function call(
    target: TestApi,
    operationId: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${target.base}${path}`, { headers });
    const text = await res.text();
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const answer = {
      status: res.status,
      type,
      headers: res.headers,
      text,
      body: type.endsWith('json') && text ? (JSON.parse(text) as unknown) : undefined,
    };
    checkAgainstDocument(operationId, answer);
    called.add(`${operationId} ${res.status}`);
    return answer;
  }
  const get = (operationId: string, path: string, headers?: Record<string, string>) =>
    call(api, operationId, path, headers);

  beforeAll(async () => {
    api = await startTestApi('contract');
    const { store } = api.rt;
    // As the store stage records it: the publisher's time of the first version.
    await insertStories(store, 1, () => fullArticle({ version: 1, id: 'a-full-v1' }), {
      firstPublishedAt: '2026-11-28T09:00:00+09:00',
    });
    await insertStories(store, 1, () => article('a-min'));
    await insertStories(store, 1, () => article('a-gone', { storyId: 's-gone' }), { withdrawn: true });
    await insertStories(store, 25, (i) =>
      article(`bulk-${i}`, { createdAt: new Date(Date.UTC(2026, 10, 2, 0, i)).toISOString(), language: 'de' }),
    );
    await store.ingest(async (tx) => {
      const v2 = fullArticle({ createdAt: '2026-11-28T05:00:00.000Z' });
      await tx.insertArticle(v2, bulkFingerprint(v2));
      const story = (await tx.getStory('s-full'))!;
      await tx.putStory({ ...story, latestArticleId: v2.id, version: 2, updatedAt: v2.createdAt });
    });
    keyed = await startTestApi('contract-keyed', {
      LEDE_API_KEYS: 'contract-key-0123456789',
      LEDE_API_RATE_LIMIT_PER_MINUTE: '3',
    });
  }, 30_000);
  afterAll(async () => {
    await api?.close();
    await keyed?.close();
  });

  describe('lists', () => {
    for (const [operationId, path] of [
      ['listStories', '/v1/stories'],
      ['listArticles', '/v1/articles'],
    ] as const) {
      it(`${operationId}: every page, plain and ninjs, validates against its declared schema`, async () => {
        for (const format of ['json', 'ninjs']) {
          let cursor: string | null = null;
          let pages = 0;
          do {
            const res = await get(operationId, `${path}?format=${format}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
            expect(res.status).toBe(200);
            const body = res.body as { format: string; items: unknown[]; nextCursor: string | null };
            expect(body.format).toBe(format);
            if (format === 'ninjs') for (const item of body.items) expectValidNinjs(item);
            cursor = body.nextCursor;
            pages += 1;
          } while (cursor);
          expect(pages).toBeGreaterThan(2);
        }
      });

      it(`${operationId}: an empty page and the Accept header's choice validate too`, async () => {
        for (const format of ['json', 'ninjs']) {
          const res = await get(operationId, `${path}?format=${format}&feed=no-such-feed`);
          expect(res.body).toEqual({ format, items: [], nextCursor: null });
        }
        const ninjs = await get(operationId, `${path}?limit=3`, { accept: 'application/ninjs+json' });
        expect((ninjs.body as { format: string }).format).toBe('ninjs');
        expect(ninjs.headers.get('vary')).toMatch(/accept/i);
      });

      it(`${operationId}: a bad parameter is a declared 400`, async () => {
        expect((await get(operationId, `${path}?since=March%207`)).status).toBe(400);
      });
    }
  });

  describe('single resources', () => {
    for (const [operationId, path] of [
      ['getStory', '/v1/stories/s-full'],
      ['getArticle', '/v1/articles/a-full'],
    ] as const) {
      it(`${operationId}: JSON, ninjs, 304, 404 and 400 are each declared`, async () => {
        const plain = await get(operationId, path);
        expect(plain.status).toBe(200);
        expect(plain.type).toBe('application/json');
        const ninjs = await get(operationId, path, { accept: 'application/ninjs+json' });
        expect(ninjs.type).toBe('application/ninjs+json');
        expectValidNinjs(ninjs.body);
        const again = await get(operationId, path, { 'if-none-match': plain.headers.get('etag')! });
        expect(again.status).toBe(304);
        expect((await get(operationId, `${path}-missing`)).status).toBe(404);
        expect((await get(operationId, `${path}?limit=5`)).status).toBe(400);
      });
    }

    it('gives one version the same ninjs in the story view and the article view', async () => {
      const story = (await get('getStory', '/v1/stories/s-full?format=ninjs')).body;
      const version = (await get('getArticle', '/v1/articles/a-full?format=ninjs')).body;
      expect(story).toEqual(version);
      expect(story).toMatchObject({
        version: '2',
        // the publisher's time of version 1, and the publisher's modification time of version 2
        firstcreated: '2026-11-28T00:00:00.000Z',
        versioncreated: '2026-11-28T01:30:00.000Z',
      });
      const first = (await get('getArticle', '/v1/articles/a-full-v1?format=ninjs')).body;
      expect(first).toMatchObject({ firstcreated: '2026-11-28T00:00:00.000Z', version: '1' });
    });
  });

  describe('feeds, stream, health, metrics and the document itself', () => {
    it('listFeeds and getFeed', async () => {
      const feeds = await get('listFeeds', '/v1/feeds');
      const id = (feeds.body as { items: { id: string }[] }).items[0].id;
      expect((await get('getFeed', `/v1/feeds/${encodeURIComponent(id)}`)).status).toBe(200);
      expect((await get('getFeed', '/v1/feeds/no-such-feed')).status).toBe(404);
    });

    it('streamEvents: an event stream, or a declared 400', async () => {
      const abort = new AbortController();
      const res = await fetch(`${api.base}/v1/stream?lastEventId=0`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      checkAgainstDocument('streamEvents', {
        status: 200,
        type: 'text/event-stream',
        headers: res.headers,
        text: '',
        body: undefined,
      });
      called.add('streamEvents 200');
      abort.abort();
      expect((await get('streamEvents', '/v1/stream?lastEventId=-1')).status).toBe(400);
    });

    it('health, readiness, metrics and openApi', async () => {
      expect((await get('health', '/healthz')).body).toEqual({ status: 'ok' });
      expect((await get('readiness', '/readyz')).body).toEqual({ status: 'ready', redis: 'ok', store: 'ok' });
      expect((await get('metrics', '/metrics')).status).toBe(200);
      expect((await get('openApi', '/openapi.json')).body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    });

    it('401 and 429 are declared bodies', async () => {
      expect((await call(keyed, 'listStories', '/v1/stories')).status).toBe(401);
      let status = 0;
      for (let i = 0; i < 10 && status !== 429; i++)
        status = (
          await call(keyed, 'getArticle', '/v1/articles/none', { authorization: 'Bearer contract-key-0123456789' })
        ).status;
      expect(status).toBe(429);
    });
  });

  it('refers only to components it defines, or to the official ninjs schema', () => {
    const refs: string[] = [];
    JSON.stringify(openApiDocument, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      return value;
    });
    const components = (openApiDocument.components.schemas as Record<string, unknown>) ?? {};
    for (const ref of new Set(refs)) {
      if (ref.startsWith('#/components/schemas/')) expect(components, ref).toHaveProperty([ref.split('/').at(-1)!]);
      else expect(ref).toBe('http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json');
    }
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('called every operation the document describes', () => {
    const exercised = new Set([...called].map((c) => c.split(' ')[0]));
    expect(operations.map((o) => o.operationId).filter((id) => !exercised.has(id))).toEqual([]);
  });
});

describe('an API whose store does not answer', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('contract-down');
  });
  afterAll(() => api?.close());

  it('answers /readyz 503 with the declared body naming what fails', async () => {
    await api.rt.store.close();
    const res = await fetch(`${api.base}/readyz`);
    const body = (await res.json()) as { status: string; store: string };
    checkAgainstDocument('readiness', {
      status: res.status,
      type: 'application/json',
      headers: res.headers,
      text: '',
      body,
    });
    expect(res.status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.store).not.toBe('ok');
  });
});
