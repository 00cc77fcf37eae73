// The dedupe+store stage as a function over an in-memory SQLite store: what a new article, a
// re-delivered job, a changed version and a withdrawal leave behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { storeArticle, withdrawStory, type StoreInput } from '../../src/pipeline/store.js';
import { defaultThresholds } from '../../src/stories/match.js';

const body =
  'WASHINGTON (AP) — The Senate passed a $95 billion aid package for Ukraine, Israel and Taiwan early Tuesday after months of delay, sending it to the House.';
const longer = `${body}\n\nSenate Majority Leader Chuck Schumer said the vote showed America would stand with its allies.`;
const input = (bodyText: string, itemKey = 'senate-aid'): StoreInput => ({
  feedId: 'wire',
  guid: 'ap-senate-aid',
  url: 'https://news.example/senate-aid?utm_source=rss',
  itemKey,
  article: {
    title: 'Senate passes aid package',
    authors: [],
    bodyText,
    wordCount: bodyText.split(/\s+/).length,
    credits: [],
    sources: {},
  },
  enrichment: { entities: [], topics: [], keywords: [] },
  fetchedAt: '2026-01-05T12:00:00.000Z',
});
const opts = { thresholds: defaultThresholds, now: () => new Date('2026-01-05T12:00:01.000Z') };

let store: Store;
beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
});
afterEach(() => store.close());

describe('storeArticle', () => {
  it('starts a story with version 1, a canonical URL and a story.created event', async () => {
    const out = await storeArticle(store, input(body), opts);
    expect(out).toMatchObject({ version: 1, decision: { kind: 'new' } });
    const saved = await store.getArticle(out.articleId);
    expect(saved).toMatchObject({ storyId: out.storyId, canonicalUrl: 'https://news.example/senate-aid', version: 1 });
    expect((await store.listEvents(0, 10)).map((e) => e.type)).toEqual(['story.created']);
  });

  it('stores a re-delivered job once: the same article id, recorded as a duplicate sighting', async () => {
    const first = await storeArticle(store, input(body), opts);
    const again = await storeArticle(store, input(body), opts);
    expect(again).toMatchObject({
      articleId: first.articleId,
      storyId: first.storyId,
      decision: { kind: 'duplicate' },
    });
    expect((await store.listArticles({ limit: 10 })).items).toHaveLength(1);
    expect(await store.listEvents(0, 10)).toHaveLength(1);
  });

  it('makes a changed text under the same guid version 2 of the story, with what changed', async () => {
    const first = await storeArticle(store, input(body), opts);
    const second = await storeArticle(store, input(longer, 'senate-aid-v2'), opts);
    expect(second).toMatchObject({ storyId: first.storyId, version: 2, decision: { kind: 'update' } });
    expect((await store.getArticle(second.articleId))?.changes).toBeDefined();
    expect((await store.getStory(first.storyId))?.latestArticleId).toBe(second.articleId);
    expect((await store.listEvents(0, 10)).map((e) => e.type)).toEqual(['story.created', 'story.updated']);
  });
});

describe('withdrawStory', () => {
  it('withdraws the story of a guid once, and knows nothing of an unknown one', async () => {
    const { storyId } = await storeArticle(store, input(body), opts);
    const now = () => new Date('2026-01-06T00:00:00.000Z');
    expect(await withdrawStory(store, { feedId: 'wire', guid: 'ap-senate-aid' }, now)).toEqual({
      status: 'withdrawn',
      storyId,
    });
    expect(await withdrawStory(store, { feedId: 'wire', guid: 'ap-senate-aid' }, now)).toEqual({
      status: 'already_withdrawn',
      storyId,
    });
    expect(await withdrawStory(store, { feedId: 'wire', guid: 'no-such-guid' }, now)).toEqual({ status: 'unknown' });
    expect((await store.getStory(storyId))?.withdrawn).toBe(true);
  });
});
