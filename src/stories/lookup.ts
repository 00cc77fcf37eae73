// The port story matching reads through: stories owns it, storage implements it (inside an
// ingest transaction) and MemoryStoryLookup implements it for tests and the dedupe eval.
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { StoredFingerprint } from './fingerprint.js';

/** Read side used by story matching, available inside an ingest transaction. */
export interface StoryLookup {
  /** An article whose normalized-text hash equals `textHash` (the latest one: the time window runs from it). */
  findByTextHash(textHash: string): Promise<ArticleRecord | undefined>;
  /** The latest version of the story that carried this guid (within the feed when feedId given). */
  findLatestByGuid(guid: string, feedId?: string): Promise<ArticleRecord | undefined>;
  /** The latest version of the story seen at this canonical URL. */
  findLatestByUrl(canonicalUrl: string): Promise<ArticleRecord | undefined>;
  /** Fingerprints sharing at least one LSH band key; an index lookup, never a scan. */
  findCandidates(bandKeys: string[], limit: number): Promise<StoredFingerprint[]>;
  getArticle(id: string): Promise<ArticleRecord | undefined>;
  getStory(id: string): Promise<StoryRecord | undefined>;
}
