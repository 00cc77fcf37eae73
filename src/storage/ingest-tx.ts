// The write side of an ingest, bound to the transaction that holds the story-matching lock.
// Every record is cleaned of bytes a database may refuse before it becomes a row (clean-text.ts).
import type { Kysely } from 'kysely';
import { cleanStrings } from './clean-text.js';
import { createLookup } from './lookups.js';
import { articleToRow, entityRows, storyToRow, topicRows } from './rows.js';
import type { Database } from './schema.js';
import type { IngestTx } from './store.js';

/** Rows per multi-row INSERT: far below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
}

export function createIngestTx(trx: Kysely<Database>): IngestTx {
  return {
    ...createLookup(trx),

    async insertArticle(raw, fingerprint) {
      const article = cleanStrings(raw);
      await trx.insertInto('articles').values(articleToRow(article, fingerprint)).execute();
      const bands = [...new Set(fingerprint.bandKeys)].map((band_key) => ({ band_key, article_id: article.id }));
      for (const rows of chunks(bands)) await trx.insertInto('article_bands').values(rows).execute();
      for (const rows of chunks(entityRows(article))) await trx.insertInto('article_entities').values(rows).execute();
      for (const rows of chunks(topicRows(article))) await trx.insertInto('article_topics').values(rows).execute();
    },

    async putStory(story) {
      const row = storyToRow(cleanStrings(story));
      const { id: _id, ...changes } = row;
      await trx
        .insertInto('stories')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
    },

    async recordSighting(sighting) {
      const { articleId, feedId, url, seenAt } = cleanStrings(sighting);
      await trx
        .insertInto('sightings')
        .values({ article_id: articleId, feed_id: feedId ?? null, url: url ?? null, seen_at: seenAt })
        .execute();
    },

    // Events are only appended here, under the ingest lock, so they commit in seq order and a
    // reader polling "seq > last seen" can never miss one that commits late with a lower seq.
    async appendEvent(raw) {
      const event = cleanStrings(raw);
      const { seq } = await trx
        .insertInto('events')
        .values({
          type: event.type,
          story_id: event.storyId,
          article_id: event.articleId ?? null,
          version: event.version ?? null,
          feed_id: event.feedId ?? null,
          created_at: event.createdAt,
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(seq);
    },
  };
}
