// The read side story matching uses, over any Kysely handle (the pool, or the ingest
// transaction so matching sees its own uncommitted writes).
import type { Kysely } from 'kysely';
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { StoredFingerprint } from '../stories/fingerprint.js';
import { rowToArticle, rowToFingerprint, rowToStory } from './rows.js';
import type { Database } from './schema.js';
import type { StoryLookup } from '../stories/lookup.js';
import { urlVariants } from '../stories/canonical-url.js';
import { withCleanArguments } from './clean-text.js';

export function createLookup(db: Kysely<Database>): StoryLookup {
  const latestVersionOf = async (storyId: string | undefined) => {
    if (storyId === undefined) return undefined;
    const row = await db
      .selectFrom('articles')
      .selectAll()
      .where('story_id', '=', storyId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToArticle(row);
  };

  return withCleanArguments<StoryLookup>({
    async findByTextHash(textHash) {
      const row = await db
        .selectFrom('articles')
        .selectAll()
        .where('text_hash', '=', textHash)
        .orderBy('created_key', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && rowToArticle(row);
    },

    // The guid (or URL) may have been carried by an older version; the caller wants where the
    // story is now, so hop to the story's highest version. If two stories ever carried it, the
    // one that carried it most recently wins.
    async findLatestByGuid(guid, feedId) {
      let query = db.selectFrom('articles').select('story_id').where('guid', '=', guid);
      if (feedId !== undefined) query = query.where('feed_id', '=', feedId);
      const hit = await query.orderBy('created_key', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return latestVersionOf(hit?.story_id);
    },

    async findLatestByUrl(canonicalUrl) {
      const variants = urlVariants(canonicalUrl); // http and https: one page
      const hit = await db
        .selectFrom('articles')
        .select('story_id')
        .where((eb) => eb.or([eb('canonical_url', 'in', variants), eb('url', 'in', variants)]))
        .orderBy('created_key', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return latestVersionOf(hit?.story_id);
    },

    // Best first: most shared bands, then the newest article (recent stories are the ones
    // updates arrive for), then id so equal candidates always come back in one order.
    async findCandidates(bandKeys, limit): Promise<StoredFingerprint[]> {
      const keys = [...new Set(bandKeys)];
      if (keys.length === 0 || limit <= 0) return [];
      const matches = db
        .selectFrom('article_bands')
        .select((eb) => ['article_id', eb.fn.countAll<number>().as('shared')])
        .where('band_key', 'in', keys)
        .groupBy('article_id')
        .as('m');
      // Rank on the narrow columns first, then read the fingerprints (the bulky column) of the
      // `limit` best only: sorting with the fingerprint in hand read it for every article sharing
      // a band, which on a busy news day is hundreds per lookup.
      const best = db
        .selectFrom(matches)
        .innerJoin('articles as a', 'a.id', 'm.article_id')
        .select(['a.id as id', 'm.shared as shared', 'a.created_key as created_key'])
        .orderBy('m.shared', 'desc')
        .orderBy('a.created_key', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit)
        .as('best');
      const rows = await db
        .selectFrom(best)
        .innerJoin('articles as f', 'f.id', 'best.id')
        .select(['f.id', 'f.story_id', 'f.fingerprint'])
        .orderBy('best.shared', 'desc')
        .orderBy('best.created_key', 'desc')
        .orderBy('f.id', 'desc')
        .execute();
      return rows.map(rowToFingerprint);
    },

    async getArticle(id): Promise<ArticleRecord | undefined> {
      const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rowToArticle(row);
    },

    async getStory(id): Promise<StoryRecord | undefined> {
      const row = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rowToStory(row);
    },
  });
}
