// The Store over a Kysely connection: the same code serves SQLite and PostgreSQL; what differs
// (opening, locking) lives in connection.ts.
import { sql } from 'kysely';
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import { cleanStrings, cleanText } from './clean-text.js';
import type { Connection } from './connection.js';
import { createIngestTx } from './ingest-tx.js';
import { listArticles, listStories } from './lists.js';
import { createLookup } from './lookups.js';
import { migrate } from './migrations/index.js';
import { feedStateToRow, rowToArticle, rowToEvent, rowToFeedState } from './rows.js';
import type { ChangeEvent, IngestTx, ListQuery, Page, Store } from './store.js';
import type { FeedState } from '../feeds/state.js';

export class SqlStore implements Store {
  readonly kind: Store['kind'];
  private readonly lookup;

  constructor(private readonly conn: Connection) {
    this.kind = conn.kind;
    this.lookup = createLookup(conn.db);
  }

  migrate(): Promise<string[]> {
    return migrate(this.conn);
  }

  async deploymentId(): Promise<string> {
    const row = await this.conn.db.selectFrom('lede_deployment').select('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * On SQLite, `fn` holds the only connection: call the `tx` it is given, never this store's
   * own methods, or it waits on itself.
   */
  ingest<T>(fn: (tx: IngestTx) => Promise<T>): Promise<T> {
    return this.conn.withLock('ingest', (trx) => fn(createIngestTx(trx)));
  }

  getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.lookup.getArticle(id);
  }

  getStory(id: string): Promise<StoryRecord | undefined> {
    return this.lookup.getStory(id);
  }

  async getStoryVersions(storyId: string): Promise<ArticleRecord[]> {
    const rows = await this.conn.db
      .selectFrom('articles')
      .selectAll()
      .where('story_id', '=', cleanText(storyId))
      .orderBy('version', 'asc')
      .execute();
    return rows.map(rowToArticle);
  }

  listStories(query: ListQuery): Promise<Page<StoryRecord>> {
    return listStories(this.conn.db, this.kind, cleanStrings(query));
  }

  listArticles(query: ListQuery): Promise<Page<ArticleRecord>> {
    return listArticles(this.conn.db, this.kind, cleanStrings(query));
  }

  async listEvents(afterSeq: number, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.conn.db
      .selectFrom('events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(rowToEvent);
  }

  async getFeedState(feedId: string): Promise<FeedState | undefined> {
    const row = await this.conn.db
      .selectFrom('feed_state')
      .selectAll()
      .where('feed_id', '=', cleanText(feedId))
      .executeTakeFirst();
    return row && rowToFeedState(row);
  }

  async putFeedState(state: FeedState): Promise<void> {
    const row = feedStateToRow(cleanStrings(state));
    const { feed_id: _id, ...changes } = row;
    await this.conn.db
      .insertInto('feed_state')
      .values(row)
      .onConflict((oc) => oc.column('feed_id').doUpdateSet(changes))
      .execute();
  }

  async listFeedStates(): Promise<FeedState[]> {
    const rows = await this.conn.db.selectFrom('feed_state').selectAll().orderBy('feed_id').execute();
    return rows.map(rowToFeedState);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.conn.db);
  }

  close(): Promise<void> {
    return this.conn.db.destroy();
  }
}
