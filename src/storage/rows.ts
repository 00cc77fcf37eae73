// Records ⇄ rows. Queryable fields are columns; everything else of an ArticleRecord travels
// as JSON in `data`, so a field added to the record type later is stored without a migration.
// Absent optional fields stay absent on the way back (NULL columns are dropped, not undefined).
import type { Selectable } from 'kysely';
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { StoredFingerprint } from '../stories/fingerprint.js';
import type {
  ArticleEntitiesTable,
  ArticleTopicsTable,
  ArticlesTable,
  EventsTable,
  FeedStateTable,
  StoriesTable,
} from './schema.js';
import type { ChangeEvent } from './store.js';
import type { FeedState } from '../feeds/state.js';

/**
 * An ISO time normalized to UTC milliseconds ("2026-11-28T10:00:00.000Z"), whose text order is
 * time order. Records keep their own spelling; only the *_key columns use this.
 */
function timeKey(iso: string, what: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`storage: ${what} "${iso}" is not an ISO date`);
  return new Date(ms).toISOString();
}

/** Drop null values so optional fields read back as absent. */
function defined<T extends Record<string, unknown>>(obj: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as never;
}

export function articleToRow(article: ArticleRecord, fingerprint: StoredFingerprint): ArticlesTable {
  const {
    id,
    storyId,
    version,
    feedId,
    guid,
    url,
    canonicalUrl,
    textHash,
    title,
    language,
    publishedAt,
    createdAt,
    bodyText,
    ...rest
  } = article;
  const createdKey = timeKey(createdAt, `article ${id} createdAt`);
  return {
    id,
    story_id: storyId,
    version,
    feed_id: feedId ?? null,
    guid: guid ?? null,
    url: url ?? null,
    canonical_url: canonicalUrl ?? null,
    text_hash: textHash,
    title,
    language: language ?? null,
    published_at: publishedAt ?? null,
    created_at: createdAt,
    body_text: bodyText,
    created_key: createdKey,
    // A missing or unparseable publication date still lists the article, by when we stored it.
    dated_key: publishedAt && !Number.isNaN(Date.parse(publishedAt)) ? timeKey(publishedAt, 'publishedAt') : createdKey,
    data: JSON.stringify(rest),
    fingerprint: JSON.stringify({ ...fingerprint, articleId: id, storyId }),
  };
}

export function rowToArticle(row: Selectable<ArticlesTable>): ArticleRecord {
  const columns = defined({
    id: row.id,
    storyId: row.story_id,
    version: row.version,
    feedId: row.feed_id,
    guid: row.guid,
    url: row.url,
    canonicalUrl: row.canonical_url,
    textHash: row.text_hash,
    title: row.title,
    language: row.language,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    bodyText: row.body_text,
  });
  return { ...(JSON.parse(row.data) as Omit<ArticleRecord, keyof typeof columns>), ...columns };
}

export function rowToFingerprint(row: Pick<ArticlesTable, 'id' | 'story_id' | 'fingerprint'>): StoredFingerprint {
  // The row's ids win over the JSON copy: they are what the matcher will attach to.
  return { ...(JSON.parse(row.fingerprint) as StoredFingerprint), articleId: row.id, storyId: row.story_id };
}

export function entityRows(article: ArticleRecord): ArticleEntitiesTable[] {
  return article.entities.map((e) => ({
    article_id: article.id,
    type: e.type,
    name: e.name,
    name_key: e.name.toLowerCase(),
    wikidata_id: e.wikidataId ?? null,
  }));
}

export function topicRows(article: ArticleRecord): ArticleTopicsTable[] {
  return [...new Set(article.topics.map((t) => t.code))].map((code) => ({ article_id: article.id, code }));
}

export function storyToRow(story: StoryRecord): StoriesTable {
  return {
    id: story.id,
    latest_article_id: story.latestArticleId,
    version: story.version,
    title: story.title,
    feed_id: story.feedId ?? null,
    withdrawn: story.withdrawn ? 1 : 0,
    first_seen_at: story.firstSeenAt,
    updated_at: story.updatedAt,
    updated_key: timeKey(story.updatedAt, `story ${story.id} updatedAt`),
    first_seen_key: timeKey(story.firstSeenAt, `story ${story.id} firstSeenAt`),
    first_published_at: story.firstPublishedAt ?? null,
  };
}

export function rowToStory(row: Selectable<StoriesTable>): StoryRecord {
  return defined({
    id: row.id,
    latestArticleId: row.latest_article_id,
    version: row.version,
    title: row.title,
    feedId: row.feed_id,
    withdrawn: Boolean(row.withdrawn),
    firstSeenAt: row.first_seen_at,
    firstPublishedAt: row.first_published_at,
    updatedAt: row.updated_at,
  });
}

export function rowToEvent(row: Selectable<EventsTable>): ChangeEvent {
  return defined({
    seq: Number(row.seq),
    type: row.type as ChangeEvent['type'],
    storyId: row.story_id,
    articleId: row.article_id,
    version: row.version,
    feedId: row.feed_id,
    createdAt: row.created_at,
  });
}

export function feedStateToRow(state: FeedState): FeedStateTable {
  return {
    feed_id: state.feedId,
    etag: state.etag ?? null,
    last_modified: state.lastModified ?? null,
    last_polled_at: state.lastPolledAt ?? null,
    last_success_at: state.lastSuccessAt ?? null,
    last_error: state.lastError ?? null,
    error_streak: state.errorStreak,
    next_poll_at: state.nextPollAt ?? null,
    recent_item_times: JSON.stringify(state.recentItemTimes),
  };
}

export function rowToFeedState(row: Selectable<FeedStateTable>): FeedState {
  return defined({
    feedId: row.feed_id,
    etag: row.etag,
    lastModified: row.last_modified,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    errorStreak: row.error_streak,
    nextPollAt: row.next_poll_at,
    recentItemTimes: JSON.parse(row.recent_item_times) as string[],
  });
}
