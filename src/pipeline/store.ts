// Dedupe+store stage: decide which story an article belongs to and write it, in one
// transaction holding the store's story lock, so concurrent workers never split a story.
//   assignStory (stories/)  → duplicate: record a sighting, write nothing else
//                           → new / update: insert the version, point the story at it,
//                             append a change event (the outbox for the change stream)
import { createHash } from 'node:crypto';
import type { ArticleRecord, DedupeDecision, Enrichment, ExtractedArticle, StoryRecord } from '../shared/types.js';
import type { IngestTx, Store } from '../storage/store.js';
import { assignStory } from '../stories/assign.js';
import { canonicalizeUrl } from '../stories/canonical-url.js';
import { summarizeChanges } from '../stories/diff.js';
import type { MatchThresholds } from '../stories/match.js';
import { textHash } from '../stories/text.js';

export interface StoreInput {
  feedId?: string;
  guid?: string;
  url?: string;
  /** Stable identity of the item in its source (feed item key, or the batch line's id). */
  itemKey: string;
  /** Wire keyword with version markers, when the source has one (`BC-PERLE-2NDLD-URGENT`). */
  slug?: string;
  article: ExtractedArticle;
  enrichment: Enrichment;
  fetchedAt: string;
}

export interface StoreOutcome {
  articleId: string;
  storyId: string;
  version: number;
  decision: DedupeDecision;
}

/**
 * The article id derives from where the item came from and its exact text, so re-running the
 * same job (at-least-once delivery) addresses the same record instead of minting another.
 */
export function articleIdFor(input: { feedId?: string; itemKey: string; textHash: string }): string {
  const h = createHash('sha256')
    .update(`${input.feedId ?? ''}\n${input.itemKey}\n${input.textHash}`)
    .digest('hex');
  return `a_${h.slice(0, 24)}`;
}

function safeCanonical(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return canonicalizeUrl(url);
  } catch {
    return undefined;
  }
}

export async function storeArticle(
  store: Store,
  input: StoreInput,
  opts: { thresholds: MatchThresholds; now: () => Date },
): Promise<StoreOutcome> {
  const { article, enrichment } = input;
  const hash = textHash(article.bodyText);
  const articleId = articleIdFor({ feedId: input.feedId, itemKey: input.itemKey, textHash: hash });
  const canonicalUrl = safeCanonical(article.canonicalUrl) ?? safeCanonical(input.url);

  return store.ingest(async (tx) => {
    const now = opts.now().toISOString();
    const { decision, fingerprint, previous } = await assignStory(
      tx,
      {
        articleId,
        guid: input.guid,
        feedId: input.feedId,
        url: input.url,
        canonicalUrl,
        title: article.title,
        bodyText: article.bodyText,
        entities: enrichment.entities.map((e) => `${e.type}:${e.name}`),
        // The item's own time, so a replay decides as live ingestion did: published, else
        // first seen (the fetch), never the time this transaction runs.
        publishedAt: article.publishedAt ?? input.fetchedAt,
        slug: input.slug,
      },
      opts.thresholds,
    );

    if (decision.kind === 'duplicate') {
      const existing = decision.matchedArticleId ? await tx.getArticle(decision.matchedArticleId) : undefined;
      if (decision.withdraws) await markWithdrawn(tx, decision.storyId, input.feedId, now);
      await tx.recordSighting({
        articleId: decision.matchedArticleId ?? articleId,
        feedId: input.feedId,
        url: input.url,
        seenAt: now,
      });
      return {
        articleId: existing?.id ?? articleId,
        storyId: decision.storyId,
        version: existing?.version ?? 1,
        decision,
      };
    }

    const story = decision.kind === 'update' ? await tx.getStory(decision.storyId) : undefined;
    const version = (story?.version ?? 0) + 1;
    const record: ArticleRecord = {
      ...article,
      ...enrichment,
      canonicalUrl: canonicalUrl ?? article.canonicalUrl,
      id: articleId,
      storyId: decision.storyId,
      version,
      feedId: input.feedId,
      guid: input.guid,
      url: input.url,
      textHash: hash,
      dedupe: decision,
      changes: previous ? summarizeChanges(previous, article) : undefined,
      fetchedAt: input.fetchedAt,
      createdAt: now,
    };
    await tx.insertArticle(record, fingerprint);
    // A kill notice is kept as the story's last version (what the wire said, and when), but the
    // story keeps its headline and is withdrawn: consumers get the tombstone, not a new story.
    const withdraws = decision.withdraws === true;
    await tx.putStory({
      id: decision.storyId,
      latestArticleId: articleId,
      version,
      title: withdraws && story ? story.title : article.title,
      feedId: story?.feedId ?? input.feedId,
      withdrawn: withdraws,
      firstSeenAt: story?.firstSeenAt ?? now,
      ...firstPublished(story, article.publishedAt),
      updatedAt: now,
    });
    await tx.appendEvent({
      type: story ? (withdraws ? 'story.withdrawn' : 'story.updated') : 'story.created',
      storyId: decision.storyId,
      articleId,
      version,
      feedId: input.feedId,
      createdAt: now,
    });
    return { articleId, storyId: decision.storyId, version, decision };
  });
}

/** A re-delivered kill notice: withdraw its story if something un-withdrew it meanwhile. */
async function markWithdrawn(tx: IngestTx, storyId: string, feedId: string | undefined, at: string): Promise<void> {
  const story = await tx.getStory(storyId);
  if (!story || story.withdrawn) return;
  await tx.putStory({ ...story, withdrawn: true, updatedAt: at });
  await tx.appendEvent({ type: 'story.withdrawn', storyId, feedId, createdAt: at });
}

/** A story keeps the publisher's time of its first version; a new story takes this one's, if valid. */
function firstPublished(story: StoryRecord | undefined, publishedAt: string | undefined) {
  const first = story ? story.firstPublishedAt : publishedAt;
  return first && !Number.isNaN(Date.parse(first)) ? { firstPublishedAt: first } : {};
}

export type WithdrawOutcome = { status: 'withdrawn' | 'already_withdrawn'; storyId: string } | { status: 'unknown' };

/** Mark the story that carried this guid or URL withdrawn and emit its tombstone event. */
export async function withdrawStory(
  store: Store,
  input: { feedId?: string; guid?: string; url?: string },
  now: () => Date,
): Promise<WithdrawOutcome> {
  return store.ingest(async (tx) => {
    const canonical = safeCanonical(input.url);
    const latest =
      (input.guid ? await tx.findLatestByGuid(input.guid, input.feedId) : undefined) ??
      (canonical ? await tx.findLatestByUrl(canonical) : undefined);
    if (!latest) return { status: 'unknown' };
    const story = await tx.getStory(latest.storyId);
    if (!story) return { status: 'unknown' };
    if (story.withdrawn) return { status: 'already_withdrawn', storyId: story.id };
    const at = now().toISOString();
    await tx.putStory({ ...story, withdrawn: true, updatedAt: at });
    await tx.appendEvent({ type: 'story.withdrawn', storyId: story.id, feedId: input.feedId, createdAt: at });
    return { status: 'withdrawn', storyId: story.id };
  });
}
