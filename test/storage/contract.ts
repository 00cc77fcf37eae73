// The behaviour every Store adapter must show, run against real SQLite and real PostgreSQL
// (sqlite.test.ts, postgres.test.ts). `open` gives a new, empty, migrated store each call;
// `openSibling` opens a second handle on the same database (another process, in effect).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord, StoryRecord } from '../../src/shared/types.js';
import { InvalidQueryError, type IngestTx, type Store } from '../../src/storage/index.js';
import { article, at, fingerprintOf, fullArticle, storyOf } from './fixtures.js';

/** Store one article and make it its story's latest version. */
async function save(store: Store, a: ArticleRecord, bandKeys: string[] = [], story: Partial<StoryRecord> = {}) {
  await store.ingest(async (tx) => {
    await tx.insertArticle(a, fingerprintOf(a, bandKeys));
    await tx.putStory(storyOf(a, story));
  });
}

/** What a story-matching stage does: find the story by guid, create it when absent. */
async function ingestByGuid(store: Store, guid: string, articleId: string): Promise<'created' | 'updated'> {
  return store.ingest(async (tx: IngestTx) => {
    const existing = await tx.findLatestByGuid(guid);
    // Yield so that, without the lock, the other ingest would run its lookup now.
    await new Promise((resolve) => setTimeout(resolve, 25));
    const a = existing
      ? article(articleId, { storyId: existing.storyId, version: existing.version + 1, guid })
      : article(articleId, { storyId: `story-of-${articleId}`, guid });
    await tx.insertArticle(a, fingerprintOf(a));
    await tx.putStory(storyOf(a));
    return existing ? 'updated' : 'created';
  });
}

async function allPages<T extends { id: string }>(
  list: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  openSibling?: (store: Store) => Promise<Store>,
): void {
  describe(`${name} store`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('migrations', () => {
      it('can run again on a migrated database without touching data', async () => {
        await save(store, article('a1'));
        await store.migrate();
        await store.migrate();
        expect(await store.getArticle('a1')).toBeDefined();
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('ingest', () => {
      it('round-trips an article with every field set, exactly', async () => {
        const a = fullArticle();
        await save(store, a);
        expect(await store.getArticle(a.id)).toStrictEqual(a);
      });

      it('round-trips a minimal article without inventing absent fields', async () => {
        const a = article('min');
        await save(store, a);
        expect(await store.getArticle('min')).toStrictEqual(a);
      });

      it('round-trips a story and replaces it on put', async () => {
        const a = article('a1', { feedId: 'f1' });
        await save(store, a);
        expect(await store.getStory(a.storyId)).toStrictEqual(storyOf(a));
        const replaced = storyOf(a, { withdrawn: true, title: 'Withdrawn', updatedAt: at(99) });
        await store.ingest((tx) => tx.putStory(replaced));
        expect(await store.getStory(a.storyId)).toStrictEqual(replaced);
      });

      it('stores a title with U+0000 and other non-characters, cleaned, and finds it by its NUL guid', async () => {
        const a = article('a-nul', {
          title: 'Quake\u0000 hits\u0007 Seoul\uFFFE',
          byline: 'By Kim\u0000',
          guid: 'urn:wire:\u00001',
          bodyText: 'A quake\u0000 shook \uD800Seoul.',
          authors: ['Kim\u0000 Min-jun'],
          feedId: 'wire',
        });
        await save(store, a);
        const back = await store.getArticle('a-nul');
        expect(back).toMatchObject({
          title: 'Quake hits Seoul\uFFFD',
          byline: 'By Kim',
          guid: 'urn:wire:1',
          bodyText: 'A quake shook \uFFFDSeoul.',
          authors: ['Kim Min-jun'],
        });
        expect((await store.getStory(a.storyId))?.title).toBe('Quake hits Seoul\uFFFD');
        const found = await store.ingest((tx) => tx.findLatestByGuid('urn:wire:\u00001', 'wire'));
        expect(found?.id).toBe('a-nul');
        expect((await store.listArticles({ q: 'hits\u0000' })).items.map((i) => i.id)).toEqual(['a-nul']);
        await store.putFeedState({
          feedId: 'wire',
          errorStreak: 1,
          lastError: 'parse: bad\u0000byte',
          recentItemTimes: [],
        });
        expect((await store.getFeedState('wire'))?.lastError).toBe('parse: badbyte');
      });

      it('returns what the transaction function returns', async () => {
        await expect(store.ingest(async () => 42)).resolves.toBe(42);
      });

      it('writes nothing when the transaction function throws', async () => {
        const a = article('doomed', { topics: [{ code: 'medtop:1', label: 'x', score: 1 }] });
        await expect(
          store.ingest(async (tx) => {
            await tx.insertArticle(a, fingerprintOf(a, ['band-doomed']));
            await tx.putStory(storyOf(a));
            await tx.appendEvent({ type: 'story.created', storyId: a.storyId, createdAt: at(0) });
            throw new Error('matching failed');
          }),
        ).rejects.toThrow('matching failed');
        expect(await store.getArticle('doomed')).toBeUndefined();
        expect(await store.getStory(a.storyId)).toBeUndefined();
        expect(await store.listEvents(0, 10)).toEqual([]);
        expect(await store.ingest((tx) => tx.findCandidates(['band-doomed'], 10))).toEqual([]);
        // The store stays usable after the rollback.
        await save(store, article('after'));
        expect(await store.getArticle('after')).toBeDefined();
      });

      it('sees its own uncommitted writes inside the transaction', async () => {
        await store.ingest(async (tx) => {
          const a = article('inside', { guid: 'g-inside' });
          await tx.insertArticle(a, fingerprintOf(a));
          expect((await tx.findLatestByGuid('g-inside'))?.id).toBe('inside');
        });
      });

      it('rejects a second article with the same story and version', async () => {
        await save(store, article('v1', { storyId: 's' }));
        await expect(save(store, article('v1-again', { storyId: 's' }))).rejects.toThrow();
      });

      it('records sightings of a stored article', async () => {
        await save(store, article('a1'));
        await expect(
          store.ingest((tx) =>
            tx.recordSighting({ articleId: 'a1', feedId: 'f2', url: 'https://x.example/', seenAt: at(5) }),
          ),
        ).resolves.toBeUndefined();
      });
    });

    describe('story-matching lookups', () => {
      it('finds candidates sharing band keys, most shared bands first, limited', async () => {
        await save(store, article('one', { createdAt: at(1) }), ['b1', 'x1']);
        await save(store, article('three', { createdAt: at(2) }), ['b1', 'b2', 'b3']);
        await save(store, article('two', { createdAt: at(3) }), ['b1', 'b2']);
        await save(store, article('none', { createdAt: at(4) }), ['z1', 'z2']);
        const found = await store.ingest((tx) => tx.findCandidates(['b1', 'b2', 'b3', 'b3'], 10));
        expect(found.map((f) => f.articleId)).toEqual(['three', 'two', 'one']);
        expect(found[0]).toStrictEqual(fingerprintOf(article('three', { createdAt: at(2) }), ['b1', 'b2', 'b3']));
        const limited = await store.ingest((tx) => tx.findCandidates(['b1', 'b2', 'b3'], 2));
        expect(limited.map((f) => f.articleId)).toEqual(['three', 'two']);
        expect(await store.ingest((tx) => tx.findCandidates([], 10))).toEqual([]);
        expect(await store.ingest((tx) => tx.findCandidates(['nowhere'], 10))).toEqual([]);
      });

      it('breaks candidate ties by the newest article, then id', async () => {
        await save(store, article('old', { createdAt: at(1) }), ['b']);
        await save(store, article('new-b', { createdAt: at(9) }), ['b']);
        await save(store, article('new-a', { createdAt: at(9) }), ['b']);
        const found = await store.ingest((tx) => tx.findCandidates(['b'], 10));
        expect(found.map((f) => f.articleId)).toEqual(['new-b', 'new-a', 'old']);
      });

      it('keeps fingerprint fields it does not index', async () => {
        const a = article('fp');
        const fp = fingerprintOf(a, ['b'], { shingles: [11, 22, 33] } as never);
        await store.ingest((tx) => tx.insertArticle(a, fp));
        expect(await store.ingest((tx) => tx.findCandidates(['b'], 1))).toStrictEqual([fp]);
      });

      it('finds by guid the latest version of the story that carried it', async () => {
        await save(store, article('v1', { storyId: 's', version: 1, guid: 'g', feedId: 'f1', createdAt: at(1) }));
        await save(store, article('v2', { storyId: 's', version: 2, guid: 'g2', feedId: 'f1', createdAt: at(2) }));
        await save(store, article('v3', { storyId: 's', version: 3, feedId: 'f1', createdAt: at(3) }));
        await save(store, article('other', { storyId: 'o', guid: 'g', feedId: 'f2', createdAt: at(0) }));
        await store.ingest(async (tx) => {
          expect((await tx.findLatestByGuid('g', 'f1'))?.id).toBe('v3');
          expect((await tx.findLatestByGuid('g', 'f2'))?.id).toBe('other');
          expect((await tx.findLatestByGuid('g'))?.id).toBe('v3');
          expect((await tx.findLatestByGuid('g2'))?.id).toBe('v3');
          expect(await tx.findLatestByGuid('g', 'f3')).toBeUndefined();
          expect(await tx.findLatestByGuid('missing')).toBeUndefined();
        });
      });

      it('finds by canonical URL (or plain URL) the latest version of the story', async () => {
        await save(
          store,
          article('v1', { storyId: 's', version: 1, canonicalUrl: 'https://n.example/a', createdAt: at(1) }),
        );
        await save(store, article('v2', { storyId: 's', version: 2, createdAt: at(2) }));
        await save(store, article('u', { storyId: 't', url: 'https://n.example/plain', createdAt: at(3) }));
        await store.ingest(async (tx) => {
          expect((await tx.findLatestByUrl('https://n.example/a'))?.id).toBe('v2');
          expect((await tx.findLatestByUrl('https://n.example/plain'))?.id).toBe('u');
          expect(await tx.findLatestByUrl('https://n.example/none')).toBeUndefined();
        });
      });

      it('finds by text hash the latest article (the story window runs from it)', async () => {
        await save(store, article('late', { textHash: 'same', createdAt: at(5) }));
        await save(store, article('early', { textHash: 'same', createdAt: '2026-11-01T01:00:00+02:00' }));
        expect((await store.ingest((tx) => tx.findByTextHash('same')))?.id).toBe('late');
        expect(await store.ingest((tx) => tx.findByTextHash('none'))).toBeUndefined();
      });

      it('lists the versions of a story oldest first', async () => {
        for (const v of [3, 1, 2]) await save(store, article(`v${v}`, { storyId: 's', version: v }));
        expect((await store.getStoryVersions('s')).map((a) => a.id)).toEqual(['v1', 'v2', 'v3']);
        expect(await store.getStoryVersions('none')).toEqual([]);
      });
    });

    describe('lists', () => {
      const quake = { code: 'medtop:03000000', label: 'disaster', score: 0.9 };
      const sport = { code: 'medtop:15000000', label: 'sport', score: 0.9 };
      const seoul = {
        type: 'location' as const,
        name: 'Seoul',
        mentions: [],
        count: 1,
        salience: 0.5,
        wikidataId: 'Q8684',
      };
      const munchen = { type: 'location' as const, name: 'München', mentions: [], count: 1, salience: 0.5 };

      beforeEach(async () => {
        await save(
          store,
          article('a1', {
            feedId: 'f1',
            language: 'en',
            title: 'Quake in Seoul',
            topics: [quake],
            entities: [seoul],
            createdAt: at(10),
            publishedAt: at(1),
          }),
        );
        await save(
          store,
          article('a2', {
            feedId: 'f2',
            language: 'de',
            title: 'Fußball in München',
            bodyText: 'Ein Tor, 100% sicher.',
            topics: [sport],
            entities: [munchen],
            createdAt: at(20),
          }),
        );
        await save(
          store,
          article('a3', {
            feedId: 'f1',
            language: 'en',
            title: 'Match report',
            bodyText: 'under_score',
            topics: [sport],
            createdAt: at(30),
            publishedAt: at(3),
          }),
        );
        // A story whose first version was about the quake, and whose latest is about sport.
        await save(store, article('b1', { storyId: 'sb', version: 1, topics: [quake], createdAt: at(40) }));
        await save(store, article('b2', { storyId: 'sb', version: 2, topics: [sport], createdAt: at(50) }));
      });

      const storyIds = async (q: Parameters<Store['listStories']>[0]) =>
        (await store.listStories(q)).items.map((s) => s.id);
      const articleIds = async (q: Parameters<Store['listArticles']>[0]) =>
        (await store.listArticles(q)).items.map((a) => a.id);

      it('lists newest first', async () => {
        expect(await storyIds({})).toEqual(['sb', 's-a3', 's-a2', 's-a1']);
        expect(await articleIds({})).toEqual(['b2', 'b1', 'a3', 'a2', 'a1']);
      });

      it('filters by time: stories on updatedAt, articles on publishedAt or else createdAt', async () => {
        expect(await storyIds({ since: at(20), until: at(50) })).toEqual(['s-a3', 's-a2']);
        // a1 and a3 were published long before they were stored; a2 has no publication date.
        expect(await articleIds({ since: at(2), until: at(40) })).toEqual(['a3', 'a2']);
        expect(await articleIds({ until: at(2) })).toEqual(['a1']);
      });

      it('filters by feed', async () => {
        expect(await storyIds({ feedId: 'f1' })).toEqual(['s-a3', 's-a1']);
        expect(await articleIds({ feedId: 'f2' })).toEqual(['a2']);
      });

      it('filters by topic, judging a story by its latest version', async () => {
        expect(await storyIds({ topic: quake.code })).toEqual(['s-a1']);
        expect(await storyIds({ topic: sport.code })).toEqual(['sb', 's-a3', 's-a2']);
        expect(await articleIds({ topic: quake.code })).toEqual(['b1', 'a1']);
      });

      it('filters by entity name in any case, or by wikidata id', async () => {
        expect(await articleIds({ entity: 'seoul' })).toEqual(['a1']);
        expect(await articleIds({ entity: 'Q8684' })).toEqual(['a1']);
        expect(await articleIds({ entity: 'MÜNCHEN' })).toEqual(['a2']);
        expect(await storyIds({ entity: 'SEOUL' })).toEqual(['s-a1']);
        expect(await storyIds({ entity: 'Busan' })).toEqual([]);
      });

      it('filters by language', async () => {
        expect(await articleIds({ language: 'de' })).toEqual(['a2']);
        expect(await storyIds({ language: 'en' })).toEqual(['s-a3', 's-a1']);
      });

      it('searches title and body text, treating % and _ literally', async () => {
        expect(await articleIds({ q: 'quake' })).toEqual(['a1']);
        expect(await storyIds({ q: 'TOR' })).toEqual(['s-a2']);
        expect(await articleIds({ q: '100%' })).toEqual(['a2']);
        expect(await articleIds({ q: '%' })).toEqual(['a2']);
        expect(await articleIds({ q: 'h_r' })).toEqual([]);
        expect(await articleIds({ q: 'under_score' })).toEqual(['a3']);
      });

      it('combines filters', async () => {
        expect(await articleIds({ feedId: 'f1', topic: sport.code, language: 'en', q: 'match' })).toEqual(['a3']);
      });

      it('pages with a cursor and clamps the page size', async () => {
        const first = await store.listArticles({ limit: 2 });
        expect(first.items.map((a) => a.id)).toEqual(['b2', 'b1']);
        const second = await store.listArticles({ limit: 2, cursor: first.nextCursor });
        expect(second.items.map((a) => a.id)).toEqual(['a3', 'a2']);
        const third = await store.listArticles({ limit: 2, cursor: second.nextCursor });
        expect(third.items.map((a) => a.id)).toEqual(['a1']);
        expect(third.nextCursor).toBeUndefined();
        expect((await store.listArticles({ limit: 0 })).items).toHaveLength(1);
      });

      it('rejects a malformed cursor or date as the caller’s mistake', async () => {
        await expect(store.listStories({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(store.listArticles({ since: 'yesterday' })).rejects.toBeInstanceOf(InvalidQueryError);
      });
    });

    describe('pagination while stories arrive', () => {
      it('never repeats a story and never skips one that existed when paging began', async () => {
        // Three stories per second, so updatedAt ties are broken by id.
        const seed = (from: number, count: number) =>
          store.ingest(async (tx) => {
            for (let i = from; i < from + count; i++) {
              const a = article(`p${String(i).padStart(4, '0')}`, { createdAt: at(Math.floor(i / 3)) });
              await tx.insertArticle(a, fingerprintOf(a));
              await tx.putStory(storyOf(a));
            }
          });
        await seed(0, 250);
        const original = new Set(await allPages((cursor) => store.listStories({ cursor, limit: 100 })));
        expect(original.size).toBe(250);
        expect((await store.listStories({ limit: 500 })).items).toHaveLength(100);
        expect((await store.listStories({})).items).toHaveLength(20);

        let added = 250;
        const seen = await allPages(async (cursor) => {
          const page = await store.listStories({ cursor, limit: 20 });
          if (added < 300) {
            await seed(added, 5);
            added += 5;
          }
          return page;
        });
        expect(added).toBe(300);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...original].filter((id) => !seen.includes(id))).toEqual([]);
      });

      it('never skips nor repeats a story that is updated during the walk; `since` finds the updates', async () => {
        await store.ingest(async (tx) => {
          for (let i = 0; i < 100; i++) {
            const a = article(`u${String(i).padStart(3, '0')}`, { createdAt: at(Math.floor(i / 2)) });
            await tx.insertArticle(a, fingerprintOf(a));
            await tx.putStory(storyOf(a));
          }
        });
        const before = await allPages((cursor) => store.listStories({ cursor, limit: 100 }));
        const seen: string[] = [];
        const updated: string[] = [];
        let cursor: string | undefined;
        let round = 0;
        do {
          const page = await store.listStories({ cursor, limit: 10 });
          seen.push(...page.items.map((s) => s.id));
          cursor = page.nextCursor;
          // A poll brings new versions of two stories the walk has not reached yet and of one it
          // has passed: each is now the most recently updated story.
          const ahead = before.filter((id) => !seen.includes(id) && !updated.includes(id)).slice(-2);
          const behind = seen.filter((id) => !updated.includes(id)).slice(0, 1);
          round += 1;
          await store.ingest(async (tx) => {
            for (const storyId of [...ahead, ...behind]) {
              const story = (await tx.getStory(storyId))!;
              const next = article(`${storyId}-v2`, { storyId, version: 2, createdAt: at(1000 + round) });
              await tx.insertArticle(next, fingerprintOf(next));
              await tx.putStory({ ...story, latestArticleId: next.id, version: 2, updatedAt: next.createdAt });
              updated.push(storyId);
            }
          });
        } while (cursor);
        expect(updated.length).toBeGreaterThan(10);
        expect(seen).toEqual(before);
        // The updated-since use case: what changed after the walk began, each story once.
        const changed = await allPages((c) => store.listStories({ cursor: c, since: at(1000), limit: 7 }));
        expect(changed.sort()).toEqual([...updated].sort());
      });

      it('rejects a cursor it did not make', async () => {
        const crafted = Buffer.from(JSON.stringify(['not-a-time', 's_x'])).toString('base64url');
        await expect(store.listStories({ cursor: crafted })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(store.listArticles({ cursor: crafted })).rejects.toBeInstanceOf(InvalidQueryError);
      });
    });

    describe('change events', () => {
      it('assigns increasing seqs and lists events after a seq, oldest first', async () => {
        const seqs = await store.ingest(async (tx) => [
          await tx.appendEvent({
            type: 'story.created',
            storyId: 's1',
            articleId: 'a1',
            version: 1,
            feedId: 'f',
            createdAt: at(1),
          }),
          await tx.appendEvent({ type: 'story.updated', storyId: 's1', createdAt: at(2) }),
        ]);
        const more = await store.ingest((tx) =>
          tx.appendEvent({ type: 'story.withdrawn', storyId: 's1', createdAt: at(3) }),
        );
        expect(seqs[0]).toBeLessThan(seqs[1]);
        expect(seqs[1]).toBeLessThan(more);

        expect(await store.listEvents(0, 10)).toStrictEqual([
          {
            seq: seqs[0],
            type: 'story.created',
            storyId: 's1',
            articleId: 'a1',
            version: 1,
            feedId: 'f',
            createdAt: at(1),
          },
          { seq: seqs[1], type: 'story.updated', storyId: 's1', createdAt: at(2) },
          { seq: more, type: 'story.withdrawn', storyId: 's1', createdAt: at(3) },
        ]);
        expect((await store.listEvents(seqs[0], 1)).map((e) => e.seq)).toEqual([seqs[1]]);
        expect(await store.listEvents(more, 10)).toEqual([]);
      });
    });

    describe('feed state', () => {
      it('round-trips, replaces and lists feed state', async () => {
        const full = {
          feedId: 'f1',
          etag: 'W/"abc"',
          lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT',
          lastPolledAt: at(1),
          lastSuccessAt: at(1),
          lastError: 'fetch: timeout',
          errorStreak: 2,
          nextPollAt: at(300),
          recentItemTimes: [at(0), at(-600)],
        };
        await store.putFeedState(full);
        await store.putFeedState({ feedId: 'f0', errorStreak: 0, recentItemTimes: [] });
        expect(await store.getFeedState('f1')).toStrictEqual(full);
        const cleared = { feedId: 'f1', errorStreak: 0, recentItemTimes: [at(5)] };
        await store.putFeedState(cleared);
        expect(await store.getFeedState('f1')).toStrictEqual(cleared);
        expect((await store.listFeedStates()).map((s) => s.feedId)).toEqual(['f0', 'f1']);
        expect(await store.getFeedState('nope')).toBeUndefined();
      });
    });

    describe('when two ingests race for one guid', () => {
      it('serializes them, so only one creates the story', async () => {
        const other = openSibling ? await openSibling(store) : store;
        try {
          const outcomes = await Promise.all([
            ingestByGuid(store, 'g-race', 'first'),
            ingestByGuid(other, 'g-race', 'second'),
            ingestByGuid(store, 'g-race', 'third'),
          ]);
          expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
          const stories = await store.listStories({});
          expect(stories.items).toHaveLength(1);
          expect(stories.items[0].version).toBe(3);
        } finally {
          if (other !== store) await other.close();
        }
      });
    });
  });
}
