// Articles and stories as IPTC ninjs 2.1, validated against the schema in the repo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleToNinjs } from '../../src/api/ninjs.js';
import { article, fullArticle } from '../storage/fixtures.js';
import { bulkFingerprint, insertStories, startTestApi, type TestApi } from './harness.js';
import { createValidators } from './schemas.js';

const { expectValidNinjs, ninjs: validate } = createValidators();

describe('ninjs output', () => {
  let api: TestApi;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await api.request(path, { headers });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };

  beforeAll(async () => {
    api = await startTestApi('ninjs', {}, undefined, { listen: false });
    const { store } = api.rt;
    // As the store stage records it: the publisher's time of the first version.
    await insertStories(store, 1, () => fullArticle(), { firstPublishedAt: '2026-11-28T09:00:00+09:00' });
    await insertStories(store, 1, () => article('a-min'));
    await insertStories(store, 1, () =>
      article('a-odd', {
        leadImage: 'not a url',
        publishedAt: 'yesterday',
        language: 'de',
        byline: undefined,
        authors: ['A', 'B'],
      }),
    );
    await insertStories(store, 1, () => article('a-gone', { storyId: 's-gone' }), { withdrawn: true });
    // A second version of the full story.
    await store.ingest(async (tx) => {
      const v2 = fullArticle({
        id: 'a-full-v3',
        version: 3,
        createdAt: '2026-11-28T05:00:00.000Z',
        modifiedAt: '2026-11-28T04:59:00Z',
      });
      await tx.insertArticle(v2, bulkFingerprint(v2));
      const story = (await tx.getStory('s-full'))!;
      await tx.putStory({ ...story, latestArticleId: v2.id, version: 3, updatedAt: v2.createdAt });
    });
  });
  afterAll(() => api?.close());

  it('validates every article of the list against the ninjs 2.1 schema', async () => {
    const { status, body } = await get('/v1/articles?format=ninjs&limit=100');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(5);
    for (const item of body.items) expectValidNinjs(item);
  });

  it('validates every single article, asked for by Accept header, and labels it application/ninjs+json', async () => {
    for (const id of ['a-full', 'a-full-v3', 'a-min', 'a-odd', 'a-gone']) {
      const res = await get(`/v1/articles/${id}`, { accept: 'application/ninjs+json' });
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/ninjs\+json/);
      expectValidNinjs(res.body);
    }
  });

  it('validates every story, single and listed', async () => {
    const list = await get('/v1/stories?format=ninjs&limit=100');
    expect(list.body.items).toHaveLength(4);
    for (const item of list.body.items) expectValidNinjs(item);
    for (const id of ['s-full', 's-a-min', 's-gone'])
      expectValidNinjs((await get(`/v1/stories/${id}?format=ninjs`)).body);
  });

  it('maps entities to Wikidata uris, topics to IPTC Media Topic uris with relevance, and bodies as text and html', async () => {
    const { body } = await get('/v1/articles/a-full?format=ninjs');
    expect(body.uri).toBe('urn:lede:story:s-full');
    expect(body.version).toBe('2');
    expect(body.pubstatus).toBe('usable');
    expect(body.headlines).toEqual([{ role: 'main', value: fullArticle().title }]);
    expect(body.bodies.map((b: any) => b.contenttype)).toEqual(['text/plain', 'text/html']);
    expect(body.by).toBe('By Kim Min-jun and Jane Doe');
    expect(body.language).toBe('en');
    expect(body.places[0]).toMatchObject({
      name: 'Seoul',
      uri: 'http://www.wikidata.org/entity/Q8684',
      geojson: { type: 'Point', coordinates: [126.978, 37.5665] },
    });
    expect(body.people).toEqual([{ name: 'Jane Doe', rel: 'mentioned' }]);
    expect(body.subjects).toEqual([
      {
        name: 'disaster, accident and emergency incident',
        uri: 'http://cv.iptc.org/newscodes/mediatopic/03000000',
        literal: 'medtop:03000000',
        relevance: 95,
        creator: 'lede',
      },
      {
        name: 'environment',
        uri: 'http://cv.iptc.org/newscodes/mediatopic/06000000',
        literal: 'medtop:06000000',
        relevance: 70,
        creator: 'lede',
      },
    ]);
    expect(body.firstcreated).toBe('2026-11-28T00:00:00.000Z');
  });

  it('gives a story the version and times of the story, and its latest version content', async () => {
    const { body } = await get('/v1/stories/s-full?format=ninjs');
    expect(body.version).toBe('3');
    // the publisher's modification time of version 3, not when lede stored it a minute later
    expect(body.versioncreated).toBe('2026-11-28T04:59:00.000Z');
    expect(body.altids).toContainEqual({ role: 'lede-article-id', value: 'a-full-v3' });
  });

  it('marks a withdrawn story and its articles as canceled', async () => {
    expect((await get('/v1/stories/s-gone?format=ninjs')).body.pubstatus).toBe('canceled');
    expect((await get('/v1/articles/a-gone?format=ninjs')).body.pubstatus).toBe('canceled');
  });

  it('uses a schema that refuses what ninjs 2.1 forbids', async () => {
    const { body } = await get('/v1/articles/a-full?format=ninjs');
    expect(validate({ ...body, pubstatus: 'withdrawn' })).toBe(false);
    expect(validate({ ...body, people: [{ name: 'X', relevance: 50 }] })).toBe(false);
    expect(validate({ ...body, uri: undefined })).toBe(false);
    expect(validate({ ...body, versioncreated: 'yesterday' })).toBe(false);
    // places[].geojson is checked against GeoJSON (RFC 7946), as the unedited schema asks
    expect(validate({ ...body, places: [{ name: 'Seoul', geojson: { type: 'Point', coordinates: [127] } }] })).toBe(
      false,
    );
    expect(
      validate({ ...body, places: [{ name: 'Seoul', geojson: { type: 'Point', coordinates: [127, 37.5] } }] }),
    ).toBe(true);
  });

  it('keeps plain JSON as the default and refuses an unknown format', async () => {
    expect((await get('/v1/articles/a-min')).body.bodyText).toBe('Body of a-min.');
    const bad = await get('/v1/articles/a-min?format=xml');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/parameter "format"/);
  });
});

describe('ninjs people', () => {
  it('lists only named persons: no section labels or organisations a tagger filed as people', () => {
    const person = (name: string, wikidataId?: string) => ({
      type: 'person' as const,
      name,
      mentions: [],
      count: 1,
      salience: 0.5,
      ...(wikidataId ? { wikidataId } : {}),
    });
    const item = articleToNinjs(
      article('a-people', {
        entities: [
          person('Sport'),
          person('Cascadia Foods'),
          person('Kingsbridge Rovers'),
          person('Jane Doe'),
          person('Kim Yo Jong'),
          person('Madonna', 'Q1744'),
        ],
      }),
    );
    expect(item.people.map((p) => p.name).sort()).toEqual(['Jane Doe', 'Kim Yo Jong', 'Madonna']);
  });
});
