// Stage tier: story assignment through the real SQLite store must decide exactly as through the
// in-memory lookup the evals use (fingerprints survive the store's JSON column, band keys its
// index, guid/URL lookups its queries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPairs, type PairArticle } from '../../eval/dedupe.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { defaultThresholds } from '../../src/stories/match.js';
import { MemoryStoryLookup } from '../../src/stories/memory-lookup.js';

const pairs = loadPairs();

/** One wire day: versions, copies, a kill, another agency's story, templates, in arrival order. */
function stream(): Array<[string, PairArticle]> {
  const items: Array<[string, PairArticle]> = [];
  for (const story of ['quake-chile', 'floods-kenya', 'boc-cut']) {
    const get = (suffix: string) => pairs.find((p) => p.id === `${story}/${suffix}`)!;
    const articles = [
      get('alert-urgent').a,
      get('alert-urgent').b,
      get('urgent-full').b,
      get('full-refile').b,
      get('full-courier').b,
      get('full-writethru').b,
      get('writethru-herald').b,
      get('writethru-correction').b,
      get('url-variant').a,
      get('url-variant').b,
      ...(pairs.some((p) => p.id === `${story}/other-agency-full`) ? [get('other-agency-full').b] : []),
      get('writethru-kill').b,
    ];
    articles.forEach((a, i) => items.push([`${story}-${i}`, a]));
  }
  for (const id of ['stocks/day2~day3', 'fx/day4~day5', 'weather/Boston~Chicago/day3']) {
    const p = pairs.find((x) => x.id === id)!;
    items.push([`${id}-a`, p.a], [`${id}-b`, p.b]);
  }
  return items.sort(([, a], [, b]) => a.publishedAt.localeCompare(b.publishedAt));
}

describe('story assignment through the SQLite store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore('sqlite::memory:');
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
  });

  it('makes the same decisions as the in-memory lookup, article by article', async () => {
    const memory = new MemoryStoryLookup();
    const items = stream();
    for (const [id, article] of items) {
      const expected = await ingest(memory, id, article, defaultThresholds);
      const actual = await store.ingest((tx) => ingest(tx, id, article, defaultThresholds));
      expect({ id, ...actual }).toEqual({ id, ...expected });
    }
    const versions = await store.getStoryVersions((await store.getArticle('quake-chile-0'))!.storyId);
    // Alert, urgent, full, courier copy, write-thru, herald copy, correction, kill: one story,
    // numbered in arrival order. The refile and the site's copies repeat stored text (duplicates),
    // and the other agency's story (10) starts its own.
    expect(versions.map((v) => v.id)).toEqual([0, 1, 2, 4, 5, 6, 7, 11].map((i) => `quake-chile-${i}`));
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
