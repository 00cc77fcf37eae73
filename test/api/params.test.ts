// What a client gets for what it asks: strict parameters (a bad one is a 400 naming it), Accept
// negotiated by q-value, conditional requests by RFC 9110 weak comparison, caches told to vary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredFormat, ifNoneMatchHits } from '../../src/api/negotiate.js';
import { isRfc3339 } from '../../src/api/params.js';
import { article, fullArticle } from '../storage/fixtures.js';
import { insertStories, startTestApi, type TestApi } from './harness.js';

describe('the API’s parameters, negotiation and validators', () => {
  let api: TestApi;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.base}${path}`, { headers });

  beforeAll(async () => {
    api = await startTestApi('params');
    await insertStories(api.rt.store, 1, () => fullArticle());
    await insertStories(api.rt.store, 3, (i) => article(`p-${i}`));
  });
  afterAll(() => api?.close());

  describe('when a parameter is not what the document says', () => {
    for (const query of [
      'since=1',
      'since=March%207',
      'until=0',
      'since=2026-02-30',
      'limit=0x10',
      'limit=1e1',
      'limit=0',
      'limit=101',
      'sort=new',
    ]) {
      it(`answers 400 naming it: ?${query}`, async () => {
        for (const list of ['/v1/stories', '/v1/articles']) {
          const res = await get(`${list}?${query}`);
          expect(res.status).toBe(400);
          const body = (await res.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe('bad_request');
          expect(body.error.message).toContain(`"${query.split('=')[0]}"`);
        }
      });
    }

    it('refuses unknown parameters on single resources', async () => {
      for (const path of [
        '/v1/stories/s-full?limit=5',
        '/v1/articles/a-full?foo=bar',
        '/v1/articles/a-full?format=xml',
      ]) {
        expect((await get(path)).status).toBe(400);
      }
    });

    it('refuses a cursor it did not make instead of returning the whole list', async () => {
      const crafted = Buffer.from(JSON.stringify(['not-a-time', 's_x'])).toString('base64url');
      for (const list of ['/v1/stories', '/v1/articles']) {
        const res = await get(`${list}?cursor=${crafted}`);
        expect(res.status).toBe(400);
      }
    });

    it('still takes RFC 3339 times with offsets, dates and decimal limits', async () => {
      for (const q of [
        'since=2026-11-01T00:00:00Z',
        'since=2026-11-01T09:00:00%2B09:00',
        'until=2026-12-01',
        'limit=2',
      ])
        expect((await get(`/v1/stories?${q}`)).status).toBe(200);
      expect(isRfc3339('2026-11-28T10:00:00.123Z')).toBe(true);
      expect(isRfc3339('2026-11-28T10:00:00')).toBe(false);
    });
  });

  describe('content negotiation', () => {
    it('does not send ninjs to a client that gives it q=0', async () => {
      const res = await get('/v1/stories', { accept: 'application/json, application/ninjs+json;q=0' });
      expect(((await res.json()) as { format: string }).format).toBe('json');
      const single = await get('/v1/stories/s-full', { accept: 'application/json, application/ninjs+json;q=0' });
      expect(single.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('sends ninjs where the client prefers it, and tells caches lists vary on Accept', async () => {
      const res = await get('/v1/articles', { accept: 'application/json;q=0.5, application/ninjs+json' });
      expect(((await res.json()) as { format: string }).format).toBe('ninjs');
      expect(res.headers.get('vary')).toMatch(/accept/i);
      expect((await get('/v1/stories')).headers.get('vary')).toMatch(/accept/i);
    });

    it('picks by q-value, then specificity, then order', () => {
      expect(preferredFormat(undefined)).toBe('json');
      expect(preferredFormat('*/*')).toBe('json');
      expect(preferredFormat('application/ninjs+json')).toBe('ninjs');
      expect(preferredFormat('application/ninjs+json;q=0')).toBe('json');
      expect(preferredFormat('application/*, application/ninjs+json;q=0.9')).toBe('json');
      expect(preferredFormat('application/ninjs+json, */*;q=0.1')).toBe('ninjs');
      expect(preferredFormat('text/html')).toBe('json');
    });
  });

  describe('conditional requests', () => {
    it('answers 304 to a weak validator, a list of validators and *', async () => {
      for (const path of ['/v1/stories/s-full', '/v1/articles/a-full', '/v1/articles/a-full?format=ninjs']) {
        const first = await get(path);
        const etag = first.headers.get('etag')!;
        for (const header of [etag, `W/${etag}`, `"nope", W/${etag}`, '*']) {
          const res = await get(path, { 'if-none-match': header });
          expect(res.status, header).toBe(304);
          expect(res.headers.get('etag')).toBe(etag);
        }
        expect((await get(path, { 'if-none-match': '"nope"' })).status).toBe(200);
      }
    });

    it('compares weakly and ignores what is not an entity tag', () => {
      expect(ifNoneMatchHits('W/"a"', '"a"')).toBe(true);
      expect(ifNoneMatchHits('"a", "b"', '"b"')).toBe(true);
      expect(ifNoneMatchHits('a', '"a"')).toBe(false);
      expect(ifNoneMatchHits(undefined, '"a"')).toBe(false);
    });
  });
});
