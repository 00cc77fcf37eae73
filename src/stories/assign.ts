// Which story does an incoming article belong to? Layers, cheapest first:
//   1. text-hash       identical normalized body → `duplicate` of that article (a re-delivery or
//                      a syndicated copy under another headline), unless the guid points to
//                      another story (identical boilerplate bodies such as kill notices)
//   2. guid            same feed item id → `update` of its story (wire write-thrus, corrections
//                      and kills keep the guid)
//   3. url             same canonical URL → `update` of its story
//   4. near-duplicate  band-key neighbours scored by matchStory → `update`, else `new`
// Pure apart from the lookup it is given; same inputs in the same order give the same decisions.
import { createHash } from 'node:crypto';
import type { ArticleRecord, DedupeDecision } from '../shared/types.js';
import type { StoryLookup } from './lookup.js';
import { canonicalizeUrl } from './canonical-url.js';
import { daysAround, entityBandKeys, fingerprint, type StoredFingerprint } from './fingerprint.js';
import { matchStory, type MatchThresholds } from './match.js';

export interface AssignCandidate {
  articleId: string;
  guid?: string;
  feedId?: string;
  url?: string;
  canonicalUrl?: string;
  title: string;
  bodyText: string;
  entities?: string[];
  publishedAt?: string;
  withdrawn?: boolean;
}

export interface Assignment {
  decision: DedupeDecision;
  /** The fingerprint to store with the article, storyId filled in. */
  fingerprint: StoredFingerprint;
  /** The story's latest version before this one (what to diff against); absent for `new`. */
  previous?: ArticleRecord;
}

/**
 * A story's id comes from its first article's id (itself derived from feed + guid/URL): replaying
 * the same feed rebuilds the same ids, with no counter or random source to keep in sync.
 */
export function storyIdFor(firstArticleId: string): string {
  return `s_${createHash('sha256').update(firstArticleId).digest('hex').slice(0, 20)}`;
}

export async function assignStory(
  lookup: StoryLookup,
  candidate: AssignCandidate,
  thresholds: MatchThresholds,
): Promise<Assignment> {
  const base = fingerprint(candidate);
  const fp = {
    ...base,
    bandKeys: [...base.bandKeys, ...entityBandKeys(base.entityKeys, daysAround(candidate.publishedAt, 0))],
  };
  const stored = (storyId: string): StoredFingerprint => ({
    ...fp,
    articleId: candidate.articleId,
    storyId,
    publishedAt: candidate.publishedAt,
    feedId: candidate.feedId,
  });
  const withdrawn = candidate.withdrawn ? ' (withdrawn)' : '';

  const identical = await lookup.findByTextHash(fp.textHash);
  const byGuid = candidate.guid ? await lookup.findLatestByGuid(candidate.guid, candidate.feedId) : undefined;
  // Identical text is a duplicate, unless the feed's own id says the item belongs to another
  // story: boilerplate bodies ("this story has been withdrawn") are identical across stories.
  if (identical && (!byGuid || byGuid.storyId === identical.storyId)) {
    return {
      decision: {
        kind: 'duplicate',
        storyId: identical.storyId,
        matchedArticleId: identical.id,
        rule: 'text-hash',
        reason: `same normalized text as ${identical.id}`,
      },
      fingerprint: stored(identical.storyId),
      previous: identical,
    };
  }

  if (byGuid) {
    return {
      decision: {
        kind: 'update',
        storyId: byGuid.storyId,
        matchedArticleId: byGuid.id,
        rule: 'guid',
        reason: `same guid as ${byGuid.id}${withdrawn}`,
      },
      fingerprint: stored(byGuid.storyId),
      previous: byGuid,
    };
  }

  const canonicalUrl = candidate.canonicalUrl ?? (candidate.url ? canonicalizeUrl(candidate.url) : undefined);
  const byUrl = canonicalUrl ? await lookup.findLatestByUrl(canonicalUrl) : undefined;
  if (byUrl) {
    return {
      decision: {
        kind: 'update',
        storyId: byUrl.storyId,
        matchedArticleId: byUrl.id,
        rule: 'url',
        reason: `same canonical URL as ${byUrl.id}${withdrawn}`,
      },
      fingerprint: stored(byUrl.storyId),
      previous: byUrl,
    };
  }

  const queryKeys = [...base.bandKeys, ...entityBandKeys(base.entityKeys, daysAround(candidate.publishedAt, 1))];
  const neighbours = (await lookup.findCandidates(queryKeys, thresholds.candidateLimit)).filter(
    (n) => n.articleId !== candidate.articleId,
  );
  const result = matchStory(
    { ...fp, publishedAt: candidate.publishedAt, feedId: candidate.feedId },
    neighbours,
    thresholds,
  );
  if (result.match) {
    const { storyId, articleId, score } = result.match;
    return {
      decision: {
        kind: 'update',
        storyId,
        matchedArticleId: articleId,
        rule: 'near-duplicate',
        score,
        threshold: result.threshold,
        reason: result.reason + withdrawn,
      },
      fingerprint: stored(storyId),
      previous: await latestVersion(lookup, storyId, articleId),
    };
  }

  const storyId = storyIdFor(candidate.articleId);
  return {
    decision: {
      kind: 'new',
      storyId,
      rule: 'none',
      score: result.best?.score,
      threshold: result.threshold,
      reason: result.reason,
    },
    fingerprint: stored(storyId),
  };
}

/** Diff against the story's latest version, not the neighbour that happened to match best. */
async function latestVersion(
  lookup: StoryLookup,
  storyId: string,
  matchedArticleId: string,
): Promise<ArticleRecord | undefined> {
  const story = await lookup.getStory(storyId);
  return (story && (await lookup.getArticle(story.latestArticleId))) ?? lookup.getArticle(matchedArticleId);
}
