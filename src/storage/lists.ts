// Paged lists for the API: newest first, keyset pagination, filters.
//
// Order: stories by (first_seen_key desc, id desc), articles by (created_key desc, id desc):
// keys that never change once a row exists. The cursor is the last row's key, so a page starts
// strictly after it: a story updated during a walk keeps its place (never skipped, never
// repeated), and rows that arrive between pages sort before the cursor and never shift later
// pages. A client that wants what changed asks `since` (stories: last update) or follows the
// change stream.
//
// Filters: since (inclusive) / until (exclusive) compare stories' updated_at and articles'
// published_at (created_at when the article has none); feedId; topic (IPTC code); entity
// (wikidata id, or name case-insensitively); language; q (a substring of title or body,
// case-insensitive: ILIKE on PostgreSQL, LIKE on SQLite which folds ASCII only). Story filters
// on topic, entity, language and q look at the story's latest version.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { DialectKind } from './connection.js';
import { rowToArticle, rowToStory } from './rows.js';
import type { Database } from './schema.js';
import type { ListQuery, Page } from './store.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A malformed cursor or date in a list query: the caller's mistake (HTTP 400), not ours. */
export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
}

interface Cursor {
  key: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/** A key as rows.ts writes it: an ISO time in UTC milliseconds. */
const isTimeKey = (key: string): boolean => !Number.isNaN(Date.parse(key)) && new Date(key).toISOString() === key;

/** Only a cursor this module made decodes: a crafted one would compare text against keys. */
function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      const [key, id] = value as [string, string];
      if (isTimeKey(key) && id !== '') return { key, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidQueryError('storage: invalid cursor');
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

function queryTime(value: string, name: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidQueryError(`storage: ${name} "${value}" is not an ISO date`);
  return new Date(ms).toISOString();
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Conditions on the article aliased `a` (for stories: the latest version). */
function articleConditions(query: ListQuery, kind: DialectKind): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (query.topic !== undefined) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from article_topics t where t.article_id = a.id and t.code = ${query.topic})`,
    );
  }
  if (query.entity !== undefined) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from article_entities e where e.article_id = a.id
        and (e.name_key = ${query.entity.toLowerCase()} or e.wikidata_id = ${query.entity}))`,
    );
  }
  if (query.language !== undefined) conditions.push(sql<SqlBool>`a.language = ${query.language}`);
  if (query.q !== undefined && query.q.trim() !== '') {
    const like = sql.raw(kind === 'postgres' ? 'ilike' : 'like');
    const pattern = likePattern(query.q.trim());
    conditions.push(
      sql<SqlBool>`(a.title ${like} ${pattern} escape '\\' or a.body_text ${like} ${pattern} escape '\\')`,
    );
  }
  return conditions;
}

function page<R, T>(rows: R[], size: number, toItem: (row: R) => T, cursorOf: (row: R) => Cursor): Page<T> {
  const kept = rows.slice(0, size);
  // One row past the page was fetched only to learn whether another page exists.
  const items = kept.map(toItem);
  return rows.length > size ? { items, nextCursor: encodeCursor(cursorOf(kept[size - 1])) } : { items };
}

export async function listStories(
  db: Kysely<Database>,
  kind: DialectKind,
  query: ListQuery,
): Promise<Page<StoryRecord>> {
  const size = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await db
    .selectFrom('stories as s')
    .leftJoin('articles as a', 'a.id', 's.latest_article_id')
    .selectAll('s')
    .where((eb) => {
      const conditions = articleConditions(query, kind);
      if (query.since !== undefined) conditions.push(eb('s.updated_key', '>=', queryTime(query.since, 'since')));
      if (query.until !== undefined) conditions.push(eb('s.updated_key', '<', queryTime(query.until, 'until')));
      if (query.feedId !== undefined) conditions.push(eb('s.feed_id', '=', query.feedId));
      if (after) conditions.push(eb(eb.refTuple('s.first_seen_key', 's.id'), '<', eb.tuple(after.key, after.id)));
      return eb.and(conditions);
    })
    .orderBy('s.first_seen_key', 'desc')
    .orderBy('s.id', 'desc')
    .limit(size + 1)
    .execute();
  return page(rows, size, rowToStory, (row) => ({ key: row.first_seen_key, id: row.id }));
}

export async function listArticles(
  db: Kysely<Database>,
  kind: DialectKind,
  query: ListQuery,
): Promise<Page<ArticleRecord>> {
  const size = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await db
    .selectFrom('articles as a')
    .selectAll('a')
    .where((eb) => {
      const conditions = articleConditions(query, kind);
      if (query.since !== undefined) conditions.push(eb('a.dated_key', '>=', queryTime(query.since, 'since')));
      if (query.until !== undefined) conditions.push(eb('a.dated_key', '<', queryTime(query.until, 'until')));
      if (query.feedId !== undefined) conditions.push(eb('a.feed_id', '=', query.feedId));
      if (after) conditions.push(eb(eb.refTuple('a.created_key', 'a.id'), '<', eb.tuple(after.key, after.id)));
      return eb.and(conditions);
    })
    .orderBy('a.created_key', 'desc')
    .orderBy('a.id', 'desc')
    .limit(size + 1)
    .execute();
  return page(rows, size, rowToArticle, (row) => ({ key: row.created_key, id: row.id }));
}
