// The first schema: stories, their article versions, the lookup indexes story matching and the
// API filters need, sightings, the change-event outbox and per-feed polling state.
import type { Kysely } from 'kysely';
import type { DialectKind } from '../connection.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then
export async function up(db: Kysely<any>, kind: DialectKind): Promise<void> {
  // A monotonic key: SQLite's AUTOINCREMENT never reuses a seq, BIGSERIAL never goes back.
  const serial = (table: string, column: string) =>
    db.schema
      .createTable(table)
      .addColumn(column, kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
        kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('latest_article_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('feed_id', 'text')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_updated').on('stories').columns(['updated_key', 'id']).execute();
  await db.schema.createIndex('stories_feed').on('stories').column('feed_id').execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('feed_id', 'text')
    .addColumn('guid', 'text')
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('created_key', 'text', (c) => c.notNull())
    .addColumn('dated_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute();
  // One row per (story, version): a second writer racing past the ingest lock would fail here.
  await db.schema
    .createIndex('articles_story_version')
    .on('articles')
    .columns(['story_id', 'version'])
    .unique()
    .execute();
  await db.schema.createIndex('articles_guid').on('articles').column('guid').execute();
  await db.schema.createIndex('articles_url').on('articles').column('url').execute();
  await db.schema.createIndex('articles_canonical_url').on('articles').column('canonical_url').execute();
  await db.schema.createIndex('articles_text_hash').on('articles').column('text_hash').execute();
  await db.schema.createIndex('articles_created').on('articles').columns(['created_key', 'id']).execute();
  await db.schema.createIndex('articles_dated').on('articles').column('dated_key').execute();
  await db.schema.createIndex('articles_feed').on('articles').column('feed_id').execute();

  // LSH buckets: the primary key leads with band_key, so candidate lookup is an index range scan.
  await db.schema
    .createTable('article_bands')
    .addColumn('band_key', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_bands_pk', ['band_key', 'article_id'])
    .execute();

  await db.schema
    .createTable('article_entities')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('wikidata_id', 'text')
    .execute();
  await db.schema.createIndex('article_entities_article').on('article_entities').column('article_id').execute();
  await db.schema.createIndex('article_entities_name').on('article_entities').column('name_key').execute();
  await db.schema.createIndex('article_entities_wikidata').on('article_entities').column('wikidata_id').execute();

  await db.schema
    .createTable('article_topics')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_topics_pk', ['article_id', 'code'])
    .execute();
  await db.schema.createIndex('article_topics_code').on('article_topics').column('code').execute();

  await serial('sightings', 'id')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('feed_id', 'text')
    .addColumn('url', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sightings_article').on('sightings').column('article_id').execute();

  await serial('events', 'seq')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('version', 'integer')
    .addColumn('feed_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feed_state')
    .addColumn('feed_id', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('error_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'text')
    .addColumn('recent_item_times', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
