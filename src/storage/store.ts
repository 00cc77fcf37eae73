// The Store interface: what every stage and the API need from persistence. Two adapters
// implement it (SQLite, the embedded default; PostgreSQL for docker compose), and one contract
// test suite (test/storage/contract.ts) runs against both.
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { StoredFingerprint } from '../stories/fingerprint.js';
import type { StoryLookup } from '../stories/lookup.js';
import type { FeedState } from '../feeds/state.js';

/** Change-stream event written in the same transaction as the change (an outbox). */
export interface ChangeEvent {
  /** Monotonic, assigned by the store. */
  seq?: number;
  type: 'story.created' | 'story.updated' | 'story.withdrawn';
  storyId: string;
  articleId?: string;
  version?: number;
  feedId?: string;
  createdAt: string;
}

export interface IngestTx extends StoryLookup {
  insertArticle(article: ArticleRecord, fingerprint: StoredFingerprint): Promise<void>;
  /** Insert or replace the story row. */
  putStory(story: StoryRecord): Promise<void>;
  /** Record that an already stored article was seen again (duplicate delivery or syndication). */
  recordSighting(sighting: { articleId: string; feedId?: string; url?: string; seenAt: string }): Promise<void>;
  appendEvent(event: ChangeEvent): Promise<number>;
}

export interface ListQuery {
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
  since?: string;
  until?: string;
  feedId?: string;
  topic?: string;
  entity?: string;
  language?: string;
  q?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies missing migrations; returns those applied now ("3-deployment"), oldest first. */
  migrate(): Promise<string[]>;
  /** The id this store was created with (migration 3): Redis under one prefix serves one store. */
  deploymentId(): Promise<string>;
  /**
   * Run `fn` in one transaction that holds the story-matching lock: concurrent ingests (other
   * workers, other processes) are serialized, so two versions of one story arriving at once
   * can never create two stories.
   */
  ingest<T>(fn: (tx: IngestTx) => Promise<T>): Promise<T>;
  getArticle(id: string): Promise<ArticleRecord | undefined>;
  getStory(id: string): Promise<StoryRecord | undefined>;
  /** All versions of a story, oldest first. */
  getStoryVersions(storyId: string): Promise<ArticleRecord[]>;
  /** Newest first (by firstSeenAt, then id: an order updates never change); cursor stays correct while rows arrive and change. */
  listStories(query: ListQuery): Promise<Page<StoryRecord>>;
  listArticles(query: ListQuery): Promise<Page<ArticleRecord>>;
  /** Events with seq > afterSeq, oldest first. */
  listEvents(afterSeq: number, limit: number): Promise<ChangeEvent[]>;
  getFeedState(feedId: string): Promise<FeedState | undefined>;
  putFeedState(state: FeedState): Promise<void>;
  listFeedStates(): Promise<FeedState[]>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
