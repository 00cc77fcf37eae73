// Cursor pagination through the API while new stories keep arriving: 10,000 stories paged
// 100 at a time while 1,000 more are inserted between and during page requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, at } from '../storage/fixtures.js';
import { insertStories, startTestApi, type TestApi } from './harness.js';

describe('paging through stories while new ones arrive', () => {
  let api: TestApi;
  let existing: Set<string>;

  beforeAll(async () => {
    api = await startTestApi('paging', {}, undefined, { listen: false });
    // Ten stories per second of updatedAt, so pages split inside runs of equal timestamps.
    const stored = await insertStories(api.rt.store, 10_000, (i) =>
      article(`old-${i}`, { createdAt: at(Math.floor(i / 10)), feedId: 'wire' }),
    );
    existing = new Set(stored.map((a) => a.storyId));
  }, 120_000);
  afterAll(() => api?.close());

  it('returns every story that existed at the start exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    let pages = 0;
    do {
      // New stories land while the page request is in flight, with timestamps both newer than
      // everything and equal to the newest existing ones.
      const batch = inserted;
      const arriving =
        inserted < 1_000
          ? insertStories(api.rt.store, 10, (i) =>
              article(`new-${batch + i}`, { createdAt: i % 2 ? at(999) : new Date().toISOString() }),
            )
          : Promise.resolve([]);
      inserted += inserted < 1_000 ? 10 : 0;
      const res = await api.request(`/v1/stories?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      await arriving;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((s) => s.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);

    expect(inserted).toBe(1_000);
    expect(pages).toBeGreaterThanOrEqual(100);
    expect(new Set(seen).size).toBe(seen.length);
    const seenSet = new Set(seen);
    const missing = [...existing].filter((id) => !seenSet.has(id));
    expect(missing).toEqual([]);
  }, 120_000);
});
