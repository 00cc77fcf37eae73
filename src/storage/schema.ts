// Row types of the tables, as Kysely sees them. Both dialects share one layout:
// timestamps are ISO-8601 text (exactly as the records carry them) plus one normalized
// `*_key` column per ordering or range filter, so that text order is time order even when a
// feed wrote "+02:00" offsets; nested record parts are JSON text; booleans are 0/1 integers.
import type { ColumnType } from 'kysely';

/** Assigned by the database; PostgreSQL returns BIGSERIAL as a string, SQLite as a number. */
type SerialColumn = ColumnType<number | string, never, never>;

export interface StoriesTable {
  id: string;
  latest_article_id: string;
  version: number;
  title: string;
  feed_id: string | null;
  withdrawn: number;
  first_seen_at: string;
  updated_at: string;
  /** updated_at normalized (UTC, milliseconds): the since/until filter. */
  updated_key: string;
  /** first_seen_at normalized: the list order, which never changes once a story exists. */
  first_seen_key: string;
  first_published_at: string | null;
}

export interface ArticlesTable {
  id: string;
  story_id: string;
  version: number;
  feed_id: string | null;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  text_hash: string;
  title: string;
  language: string | null;
  published_at: string | null;
  created_at: string;
  body_text: string;
  /** created_at normalized: the list order and "earliest/latest" lookups. */
  created_key: string;
  /** published_at (or created_at when absent) normalized: the since/until filter. */
  dated_key: string;
  /** Every other ArticleRecord field, as JSON. */
  data: string;
  /** The StoredFingerprint, as JSON (its band keys are also indexed in article_bands). */
  fingerprint: string;
}

export interface ArticleBandsTable {
  band_key: string;
  article_id: string;
}

export interface ArticleEntitiesTable {
  article_id: string;
  type: string;
  name: string;
  /** Lower-cased name (JavaScript toLowerCase, so non-ASCII names match case-insensitively too). */
  name_key: string;
  wikidata_id: string | null;
}

export interface ArticleTopicsTable {
  article_id: string;
  code: string;
}

export interface SightingsTable {
  id: SerialColumn;
  article_id: string;
  feed_id: string | null;
  url: string | null;
  seen_at: string;
}

export interface EventsTable {
  seq: SerialColumn;
  type: string;
  story_id: string;
  article_id: string | null;
  version: number | null;
  feed_id: string | null;
  created_at: string;
}

export interface FeedStateTable {
  feed_id: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  error_streak: number;
  next_poll_at: string | null;
  /** JSON array of ISO times, newest first. */
  recent_item_times: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DeploymentTable {
  id: string;
  created_at: string;
}

export interface Database {
  stories: StoriesTable;
  articles: ArticlesTable;
  article_bands: ArticleBandsTable;
  article_entities: ArticleEntitiesTable;
  article_topics: ArticleTopicsTable;
  sightings: SightingsTable;
  events: EventsTable;
  feed_state: FeedStateTable;
  lede_migrations: MigrationsTable;
  lede_deployment: DeploymentTable;
}
