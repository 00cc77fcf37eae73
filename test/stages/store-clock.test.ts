// The store stage keeps one clock per story: the publisher's time of the first version stays the
// story's first-created time through later versions, and both ninjs views of a version agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleToNinjs, storyToNinjs } from '../../src/api/ninjs.js';
import { storeArticle, withdrawStory } from '../../src/pipeline/store.js';
import type { ExtractedArticle } from '../../src/shared/types.js';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { defaultThresholds } from '../../src/stories/match.js';

const page = (body: string, over: Partial<ExtractedArticle> = {}): ExtractedArticle => ({
  title: 'Flood waters rise in the valley',
  authors: [],
  bodyText: body,
  wordCount: body.split(' ').length,
  credits: [],
  sources: {},
  ...over,
});
const nothing = { entities: [], topics: [], keywords: [] };

describe('when a story gets a second version', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lede-clock-'));
    store = await openStore(`sqlite:${join(dir, 'lede.db')}`);
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the first version’s publication time and gives both views the same times', async () => {
    const clock = (iso: string) => ({ thresholds: defaultThresholds, now: () => new Date(iso) });
    const input = { feedId: 'wire', guid: 'g-1', url: 'https://news.example/flood', fetchedAt: '2026-11-28T01:00:00Z' };
    const v1 = await storeArticle(
      store,
      {
        ...input,
        itemKey: 'g-1',
        article: page('The river rose overnight.', { publishedAt: '2026-11-28T00:40:00Z' }),
        enrichment: nothing,
      },
      clock('2026-11-28T00:50:51Z'),
    );
    const v2 = await storeArticle(
      store,
      {
        ...input,
        itemKey: 'g-1',
        article: page('The river rose overnight. Roads are closed.', {
          publishedAt: '2026-11-28T00:40:00Z',
          modifiedAt: '2026-11-28T00:53:00Z',
        }),
        enrichment: nothing,
      },
      clock('2026-11-28T00:55:11Z'),
    );
    expect(v2.storyId).toBe(v1.storyId);
    expect(v2.version).toBe(2);

    const story = (await store.getStory(v1.storyId))!;
    expect(story.firstPublishedAt).toBe('2026-11-28T00:40:00Z');
    const latest = (await store.getArticle(v2.articleId))!;
    const viaStory = storyToNinjs(story, latest);
    expect(viaStory).toEqual(articleToNinjs(latest, story));
    expect(viaStory).toMatchObject({
      version: '2',
      firstcreated: '2026-11-28T00:40:00.000Z',
      versioncreated: '2026-11-28T00:53:00.000Z',
    });
    const first = articleToNinjs((await store.getArticle(v1.articleId))!, story);
    expect(first).toMatchObject({ firstcreated: viaStory.firstcreated, versioncreated: '2026-11-28T00:40:00.000Z' });

    await withdrawStory(store, { feedId: 'wire', guid: 'g-1' }, () => new Date('2026-11-28T02:00:00Z'));
    const withdrawn = (await store.getStory(v1.storyId))!;
    expect(storyToNinjs(withdrawn, latest).pubstatus).toBe('canceled');
  });
});
