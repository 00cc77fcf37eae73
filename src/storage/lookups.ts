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

/** Ids per IN list: far below SQLite's and PostgreSQL's bound-parameter limits. */
const IDS_PER_QUERY = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_QUERY) out.push(items.slice(i, i + IDS_PER_QUERY));
  return out;
}

/** Plain code-unit order, the same whatever collation the database uses. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
      // How many of the keys each article shares: the band index alone, no article row read.
      const counts = await db
        .selectFrom('article_bands')
        .select((eb) => ['article_id', eb.fn.countAll<number | string>().as('shared')])
        .where('band_key', 'in', keys)
        .groupBy('article_id')
        .execute();
      if (counts.length === 0) return [];
      const shared = new Map(counts.map((row) => [row.article_id, Number(row.shared)]));
      // Only articles sharing as many keys as the limit-th best can still make the cut: read
      // the age of those alone, not of every article a key points to.
      const cut = [...shared.values()].sort((a, b) => b - a)[Math.min(limit, shared.size) - 1];
      const contenders = [...shared].filter(([, n]) => n >= cut).map(([id]) => id);
      const ages = new Map<string, string>();
      for (const ids of chunks(contenders)) {
        const rows = await db.selectFrom('articles').select(['id', 'created_key']).where('id', 'in', ids).execute();
        for (const row of rows) ages.set(row.id, row.created_key);
      }
      const best = contenders
        .sort((a, b) => shared.get(b)! - shared.get(a)! || compare(ages.get(b)!, ages.get(a)!) || compare(b, a))
        .slice(0, limit);
      // The bulky column last, for the few that made the cut.
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'story_id', 'fingerprint'])
        .where('id', 'in', best)
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      return best.map((id) => rowToFingerprint(byId.get(id)!));
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
