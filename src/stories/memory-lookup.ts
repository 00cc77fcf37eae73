// An in-memory StoryLookup (plus the two writes matching needs): the adapter for evals, unit
// tests and `lede process` runs without a database. Semantics follow the SQL adapters: guid/URL
// hits hop to the story's latest version, candidates come best first (most shared band keys,
// then newest, then id).
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { StoryLookup } from './lookup.js';
import { canonicalizeUrl, urlVariants } from './canonical-url.js';
import type { StoredFingerprint } from './fingerprint.js';

/**
 * Articles kept per band key, newest first. A key shared by thousands of articles is boilerplate
 * (a template sentence, a copyright line) and says little; capping it keeps a lookup's cost
 * independent of how many articles are stored.
 */
const MAX_POSTINGS_PER_KEY = 2000;

interface Entry {
  article: ArticleRecord;
  fingerprint: StoredFingerprint;
  /** Insertion order: "newest" without trusting clocks. */
  seq: number;
}

export class MemoryStoryLookup implements StoryLookup {
  private readonly articles = new Map<string, Entry>();
  private readonly stories = new Map<string, StoryRecord>();
  private readonly latestByStory = new Map<string, string>();
  private readonly byTextHash = new Map<string, string>();
  private readonly storyByGuid = new Map<string, string>();
  private readonly storyByUrl = new Map<string, string>();
  private readonly bands = new Map<string, string[]>();
  private seq = 0;

  get size(): number {
    return this.articles.size;
  }

  async insertArticle(article: ArticleRecord, fingerprint: StoredFingerprint): Promise<void> {
    this.articles.set(article.id, {
      article,
      fingerprint: { ...fingerprint, articleId: article.id, storyId: article.storyId },
      seq: this.seq++,
    });
    this.byTextHash.set(article.textHash, article.id);
    const latest = this.latestByStory.get(article.storyId);
    if (!latest || this.articles.get(latest)!.article.version <= article.version)
      this.latestByStory.set(article.storyId, article.id);
    if (article.guid) {
      this.storyByGuid.set(guidKey(article.guid, article.feedId), article.storyId);
      this.storyByGuid.set(guidKey(article.guid), article.storyId);
    }
    for (const url of [article.url, article.canonicalUrl])
      if (url) for (const key of urlVariants(canonicalizeUrl(url))) this.storyByUrl.set(key, article.storyId);
    for (const key of new Set(fingerprint.bandKeys)) {
      const postings = this.bands.get(key);
      if (!postings) this.bands.set(key, [article.id]);
      else {
        postings.unshift(article.id);
        if (postings.length > MAX_POSTINGS_PER_KEY) postings.pop();
      }
    }
  }

  async putStory(story: StoryRecord): Promise<void> {
    this.stories.set(story.id, story);
  }

  async findByTextHash(textHash: string): Promise<ArticleRecord | undefined> {
    const id = this.byTextHash.get(textHash);
    return id === undefined ? undefined : this.articles.get(id)?.article;
  }

  async findLatestByGuid(guid: string, feedId?: string): Promise<ArticleRecord | undefined> {
    return this.latestOf(this.storyByGuid.get(guidKey(guid, feedId)));
  }

  async findLatestByUrl(canonicalUrl: string): Promise<ArticleRecord | undefined> {
    return this.latestOf(this.storyByUrl.get(canonicalizeUrl(canonicalUrl)));
  }

  async findCandidates(bandKeys: string[], limit: number): Promise<StoredFingerprint[]> {
    const shared = new Map<string, number>();
    for (const key of new Set(bandKeys)) {
      for (const id of this.bands.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    return [...shared]
      .map(([id, count]) => ({ entry: this.articles.get(id)!, count }))
      .sort((a, b) => b.count - a.count || b.entry.seq - a.entry.seq)
      .slice(0, limit)
      .map(({ entry }) => entry.fingerprint);
  }

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    return this.articles.get(id)?.article;
  }

  async getStory(id: string): Promise<StoryRecord | undefined> {
    const stored = this.stories.get(id);
    if (stored) return stored;
    // Stories not written through putStory (evals insert articles only) are derived.
    const latestId = this.latestByStory.get(id);
    const latest = latestId === undefined ? undefined : this.articles.get(latestId)?.article;
    if (!latest) return undefined;
    return {
      id,
      latestArticleId: latest.id,
      version: latest.version,
      title: latest.title,
      feedId: latest.feedId,
      withdrawn: false,
      firstSeenAt: latest.createdAt,
      updatedAt: latest.createdAt,
    };
  }

  private latestOf(storyId: string | undefined): ArticleRecord | undefined {
    if (storyId === undefined) return undefined;
    const id = this.stories.get(storyId)?.latestArticleId ?? this.latestByStory.get(storyId);
    return id === undefined ? undefined : this.articles.get(id)?.article;
  }
}

function guidKey(guid: string, feedId?: string): string {
  return feedId === undefined ? `*\u0000${guid}` : `${feedId}\u0000${guid}`;
}
