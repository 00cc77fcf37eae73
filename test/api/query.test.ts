// The query API through fastify's inject(): filters, cursor pagination while rows arrive, ETag/304, 400s
// that name the parameter, and an OpenAPI document that covers every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, at, fullArticle } from '../storage/fixtures.js';
import { insertStories, startTestApi, type TestApi } from './harness.js';
import { openApiDocument } from '../../src/api/openapi.js';

describe('the query API', () => {
  let api: TestApi;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await api.request(path, { headers });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const ids = async (path: string) => ((await get(path)).body.items as any[]).map((i) => i.id).sort();

  beforeAll(async () => {
    api = await startTestApi('query', {}, undefined, { listen: false });
    const { store } = api.rt;
    await insertStories(store, 1, () => fullArticle({ publishedAt: at(100), createdAt: at(100) }));
    await insertStories(store, 1, () =>
      article('a-fr', {
        language: 'fr',
        feedId: 'feed-fr',
        publishedAt: at(200),
        createdAt: at(200),
        title: 'Grève à Paris',
      }),
    );
    await insertStories(store, 1, () =>
      article('a-us', {
        feedId: 'feed-wire',
        language: 'en',
        publishedAt: at(300),
        createdAt: at(300),
        bodyText: 'The Senate voted on the budget.',
        topics: [{ code: 'medtop:11000000', label: 'politics', score: 0.9 }],
        entities: [
          {
            type: 'organization',
            name: 'United States Senate',
            mentions: [],
            count: 1,
            salience: 0.9,
            wikidataId: 'Q66096',
          },
        ],
      }),
    );
  });
  afterAll(() => api?.close());

  describe('filters', () => {
    it('by feed, topic code, entity (Wikidata id or name), language and text', async () => {
      expect(await ids('/v1/articles?feed=feed-wire')).toEqual(['a-full', 'a-us']);
      expect(await ids('/v1/articles?topic=medtop:11000000')).toEqual(['a-us']);
      expect(await ids('/v1/articles?entity=Q66096')).toEqual(['a-us']);
      expect(await ids('/v1/articles?entity=united%20states%20senate')).toEqual(['a-us']);
      expect(await ids('/v1/articles?entity=Seoul')).toEqual(['a-full']);
      expect(await ids('/v1/articles?language=fr')).toEqual(['a-fr']);
      expect(await ids('/v1/articles?q=budget')).toEqual(['a-us']);
      expect(await ids('/v1/stories?topic=medtop:11000000')).toEqual(['s-a-us']);
    });

    it('by time: since inclusive, until exclusive', async () => {
      expect(await ids(`/v1/articles?since=${at(200)}`)).toEqual(['a-fr', 'a-us']);
      expect(await ids(`/v1/articles?until=${at(200)}`)).toEqual(['a-full']);
      expect(await ids(`/v1/stories?since=${at(150)}&until=${at(250)}`)).toEqual(['s-a-fr']);
    });
  });

  describe('a bad parameter', () => {
    it.each([
      ['/v1/stories?limit=0', 'limit'],
      ['/v1/stories?limit=abc', 'limit'],
      ['/v1/articles?since=last%20tuesday', 'since'],
      ['/v1/articles?colour=red', 'colour'],
      ['/v1/stream?lastEventId=-3', 'lastEventId'],
    ])('%s is a 400 naming "%s"', async (path, name) => {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(body.error.message).toContain(`"${name}"`);
    });

    it('a malformed cursor is a 400', async () => {
      const { status, body } = await get('/v1/stories?cursor=garbage');
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/cursor/);
    });
  });

  describe('single resources', () => {
    it('answer 304 to a matching If-None-Match, and a new ETag once the story changes', async () => {
      const first = await get('/v1/stories/s-a-fr');
      const etag = first.headers.get('etag')!;
      expect(first.status).toBe(200);
      expect(etag).toMatch(/^".+"$/);
      expect((await get('/v1/stories/s-a-fr', { 'if-none-match': etag })).status).toBe(304);
      expect((await get('/v1/articles/a-fr', { 'if-none-match': etag })).status).toBe(200);

      await api.rt.store.ingest(async (tx) => {
        const story = (await tx.getStory('s-a-fr'))!;
        await tx.putStory({ ...story, withdrawn: true, updatedAt: at(400) });
      });
      const changed = await get('/v1/stories/s-a-fr', { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.body.withdrawn).toBe(true);
      expect(changed.headers.get('etag')).not.toBe(etag);
    });

    it('gives the ninjs representation its own ETag', async () => {
      const plain = (await get('/v1/articles/a-us')).headers.get('etag');
      const ninjs = await get('/v1/articles/a-us', { accept: 'application/ninjs+json' });
      expect(ninjs.headers.get('etag')).not.toBe(plain);
      expect(
        (
          await get('/v1/articles/a-us', {
            accept: 'application/ninjs+json',
            'if-none-match': ninjs.headers.get('etag')!,
          })
        ).status,
      ).toBe(304);
    });

    it('answers 404 for an unknown id', async () => {
      expect((await get('/v1/articles/nope')).status).toBe(404);
    });
  });

  describe('/openapi.json', () => {
    it('describes every route the server registers', async () => {
      const { status, body } = await get('/openapi.json');
      expect(status).toBe(200);
      expect(body.openapi).toMatch(/^3\./);
      const registered = registeredGetRoutes(api.app.printRoutes({ commonPrefix: false }));
      expect(registered.length).toBeGreaterThan(8);
      for (const route of registered) expect(Object.keys(body.paths), route).toContain(route);
      // Every filter of the list routes is documented.
      const names = body.paths['/v1/stories'].get.parameters.map((p: any) => p.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'since',
          'until',
          'feed',
          'topic',
          'entity',
          'language',
          'q',
          'cursor',
          'limit',
          'format',
        ]),
      );
      expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    });
  });
});

/**
 * GET routes from fastify's route tree (`printRoutes`): children print relative to their parent,
 * so the full path is rebuilt from the indentation. Wildcards (the dashboard UI) are left out.
 */
function registeredGetRoutes(tree: string): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[├└]── (\S+) \(([^)]*)\)/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const path = (depth > 0 ? parents[depth - 1] : '') + m[2];
    parents[depth] = path;
    if (m[3].split(', ').includes('GET') && !path.includes('*')) routes.push(path.replace(/:(\w+)/g, '{$1}'));
  }
  return routes;
}
