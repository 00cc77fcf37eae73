// Which story does an incoming article belong to? Layers, cheapest first:
//   1. text-hash       identical normalized body → `duplicate` of that article (a re-delivery or
//                      a syndicated copy under another headline), unless the guid points to
//                      another story (identical boilerplate bodies such as kill notices), the
//                      story's latest version is outside the window (then it is a new story and
//                      the reason says so), or it is a recurring report or a short table under
//                      another headline
//   2. guid            same feed item id → `update` of its story (wire write-thrus, corrections
//                      and kills keep the guid)
//   3. url             same canonical URL → `update` of its story
//   4. kill-notice     a kill notice (KILL/ELIMINATE/WITHDRAWN slug or headline, or a feed's
//                      withdrawn flag) → `update` of the story its slug or headline names,
//                      flagged `withdraws`; naming none, a `new` story that is withdrawn at once
//   5. near-duplicate  band-key neighbours scored by matchStory → `update`, else `new`
// Time is the item's own (published, else first seen), never the processing time, so a replay
// or a backfill decides as live ingestion did.
// Pure apart from the lookup it is given; same inputs in the same order give the same decisions.
import { createHash } from 'node:crypto';
import type { ArticleRecord, DedupeDecision } from '../shared/types.js';
import type { StoryLookup } from './lookup.js';
import { canonicalizeUrl } from './canonical-url.js';
import {
  daysAround,
  entityBandKeys,
  fingerprint,
  headlineBandKeys,
  reportBandKeys,
  slugBandKeys,
  type StoredFingerprint,
} from './fingerprint.js';
import { matchStory, recurringVerdict, type MatchThresholds } from './match.js';
import { killTarget } from './kill.js';
import { newsHoursBetween } from './news-hours.js';
import { reportKey, slugBase, versionSignals } from './template.js';
import { normalizeText } from './text.js';

export interface AssignCandidate {
  articleId: string;
  guid?: string;
  feedId?: string;
  url?: string;
  canonicalUrl?: string;
  title: string;
  bodyText: string;
  entities?: string[];
  /** The item's own time: published, else first seen (never the processing time). */
  publishedAt?: string;
  /** Wire keyword with version markers (`BC-PERLE-2NDLD-URGENT`), when the source has one. */
  slug?: string;
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
  const today = daysAround(candidate.publishedAt, 0);
  const fp = {
    ...base,
    bandKeys: [
      ...base.bandKeys,
      ...entityBandKeys(base.entityKeys, today),
      ...headlineBandKeys(candidate.title, today),
      ...slugBandKeys(slugBase(candidate.slug), today),
      ...reportBandKeys(reportKey(base), today),
    ],
  };
  const stored = (storyId: string): StoredFingerprint => ({
    ...fp,
    articleId: candidate.articleId,
    storyId,
    publishedAt: candidate.publishedAt,
    feedId: candidate.feedId,
    ...(candidate.slug ? { slug: candidate.slug } : {}),
  });
  const signals = versionSignals(candidate.slug, candidate.title, fp.lede);
  const kill = candidate.withdrawn === true || signals.kill;
  const withdrawn = candidate.withdrawn ? ' (withdrawn)' : signals.kill ? ' (kill notice)' : '';
  const withdraws = kill ? { withdraws: true } : {};

  // Kill notices are boilerplate ("this story has been withdrawn"): identical text says nothing
  // about which story one withdraws, unless it is this very notice delivered again.
  const hashHit = await lookup.findByTextHash(fp.textHash);
  const identical = kill && hashHit?.id !== candidate.articleId ? undefined : hashHit;
  const byGuid = candidate.guid ? await lookup.findLatestByGuid(candidate.guid, candidate.feedId) : undefined;
  // Identical text is a duplicate, unless the feed's own id says the item belongs to another
  // story: boilerplate bodies ("this story has been withdrawn") are identical across stories.
  const notDuplicate =
    identical && (!byGuid || byGuid.storyId === identical.storyId)
      ? await identicalButNew(lookup, identical, candidate, thresholds)
      : undefined;
  if (identical && (!byGuid || byGuid.storyId === identical.storyId) && !notDuplicate) {
    return {
      decision: {
        kind: 'duplicate',
        storyId: identical.storyId,
        matchedArticleId: identical.id,
        rule: 'text-hash',
        reason: `same normalized text as ${identical.id}`,
        ...withdraws,
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
        ...withdraws,
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
        ...withdraws,
      },
      fingerprint: stored(byUrl.storyId),
      previous: byUrl,
    };
  }

  const days = daysAround(candidate.publishedAt, 1);
  const queryKeys = [
    ...base.bandKeys,
    ...entityBandKeys(base.entityKeys, days),
    ...headlineBandKeys(candidate.title, days),
  ];
  // Headline keys get their own short read too: a flash shares one or two of them with its
  // story, and on a busy day fifty neighbours sharing band and entity keys would crowd it out.
  const byHeadline = await lookup.findCandidates(
    [...headlineBandKeys(candidate.title, days), ...slugBandKeys(slugBase(candidate.slug), days)],
    HEADLINE_CANDIDATES,
  );
  // The same desk report today and on the last working days (a weekend in between): whether
  // it runs several times a day decides how its updates are matched (see matchStory).
  const byReport = await lookup.findCandidates(
    reportBandKeys(reportKey(base), daysAround(candidate.publishedAt, REPORT_DAYS_BACK).slice(0, REPORT_DAYS_BACK + 1)),
    REPORT_CANDIDATES,
  );
  const found = await lookup.findCandidates(queryKeys, thresholds.candidateLimit);
  const seen = new Set<string>();
  const neighbours = [...found, ...byHeadline, ...byReport]
    .filter((n) => !seen.has(n.articleId) && seen.add(n.articleId))
    .filter((n) => n.articleId !== candidate.articleId);
  const me = { ...fp, publishedAt: candidate.publishedAt, feedId: candidate.feedId, slug: candidate.slug };
  if (kill) {
    // A kill notice names the story it withdraws (its slug, or its headline); it is never
    // scored as a version of another kill notice, whose boilerplate it shares.
    const target = killTarget(me, neighbours, thresholds);
    if (target) {
      return {
        decision: {
          kind: 'update',
          storyId: target.neighbour.storyId,
          matchedArticleId: target.neighbour.articleId,
          rule: 'kill-notice',
          reason: `kill notice for ${target.neighbour.articleId}: ${target.why}`,
          withdraws: true,
        },
        fingerprint: stored(target.neighbour.storyId),
        previous: await latestVersion(lookup, target.neighbour.storyId, target.neighbour.articleId),
      };
    }
    const storyId = storyIdFor(candidate.articleId);
    return {
      decision: {
        kind: 'new',
        storyId,
        rule: 'none',
        reason: 'a kill notice naming no stored story: kept as its own story, withdrawn',
        withdraws: true,
      },
      fingerprint: stored(storyId),
    };
  }
  const result = matchStory(
    me,
    neighbours,
    thresholds,
    await latestTimes(lookup, neighbours, candidate.publishedAt, thresholds),
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
      reason: notDuplicate ? `${notDuplicate}; ${result.reason}` : result.reason,
    },
    fingerprint: stored(storyId),
  };
}

/** Neighbours read by headline keys alone, on top of candidateLimit. */
const HEADLINE_CANDIDATES = 10;
/** Neighbours read by report keys alone: a running report's last two days of updates. */
const REPORT_CANDIDATES = 12;
/** Calendar days back a report key is looked up: Friday's reports, seen from Monday. */
const REPORT_DAYS_BACK = 3;

const itemTime = (a: ArticleRecord) => a.publishedAt ?? a.fetchedAt;

/** News hours (weekends not counted, as in matching), to a tenth. */
function hoursBetween(a: string | undefined, b: string | undefined): number | undefined {
  const hours = newsHoursBetween(a, b);
  return hours === undefined ? undefined : Math.round(hours * 10) / 10;
}

/**
 * Each neighbour story's latest version time: the window runs from the story as it is now. Only
 * looked up for neighbours more than a news cycle away themselves (closer ones already sit
 * under the lowest bar), so a burst of same-day versions costs no extra reads.
 */
async function latestTimes(
  lookup: StoryLookup,
  neighbours: StoredFingerprint[],
  at: string | undefined,
  t: MatchThresholds,
): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const n of neighbours) {
    if (out.has(n.storyId)) continue;
    const own = hoursBetween(at, n.publishedAt);
    if (own === undefined || own <= t.newsCycleHours) continue;
    const story = await lookup.getStory(n.storyId);
    const latest = story && (await lookup.getArticle(story.latestArticleId));
    out.set(n.storyId, latest && itemTime(latest));
  }
  return out;
}

/**
 * Why identical text is still not a duplicate, or undefined when it is one: the story has gone
 * quiet past the window (the same words on another day are usually another event), it is a
 * recurring report (a data headline a news cycle later), or a short table under a headline
 * naming someone else (two companies' identical dividend lines).
 */
async function identicalButNew(
  lookup: StoryLookup,
  identical: ArticleRecord,
  candidate: AssignCandidate,
  t: MatchThresholds,
): Promise<string | undefined> {
  const story = await lookup.getStory(identical.storyId);
  const latest = (story && (await lookup.getArticle(story.latestArticleId))) ?? identical;
  const gaps = [
    hoursBetween(candidate.publishedAt, itemTime(identical)),
    hoursBetween(candidate.publishedAt, itemTime(latest)),
  ];
  const known = gaps.filter((g): g is number => g !== undefined);
  const hours = known.length > 0 ? Math.min(...known) : undefined;
  const prefix = `same normalized text as ${identical.id}, but`;
  if (hours !== undefined && hours > t.versionWindowHours)
    return `${prefix} ${hours} h after its story's latest version, outside the ${t.versionWindowHours} h window: a new story`;
  const mine = fingerprint(candidate);
  const theirs = fingerprint({ title: identical.title, bodyText: identical.bodyText });
  const recurring = recurringVerdict(
    mine,
    theirs,
    hours,
    t,
    versionSignals(candidate.slug, candidate.title, mine.lede),
  );
  if (recurring) return `${prefix} ${recurring}: a new story`;
  const short = mine.shingleCount < 60;
  if (short && !sharesHeadline(candidate.title, identical.title))
    return `${prefix} a short table under another headline: a new story`;
  return undefined;
}

function sharesHeadline(a: string, b: string): boolean {
  const wa = new Set(normalizeText(a).split(' '));
  const wb = normalizeText(b).split(' ');
  return wb.filter((w) => wa.has(w)).length >= Math.min(wa.size, wb.length) / 2;
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
