// Near-duplicate scoring: is this article another version (or a syndicated copy) of a stored one?
//
// Evidence per neighbour, each in 0..1:
//   jaccard      MinHash estimate of body shingle overlap (versions and full copies)
//   containment  the shorter body inside the longer (alerts, copies cut from the bottom)
//   lede         the shorter lede's 3-word shingles inside the other lede
//   headline     shared headline words (weak: syndicators rewrite headlines)
//   entities     shared entity names (weak: another agency's story on the event has them all)
//   same feed    a small bonus when the same feed carries both within hours, naming mostly the
//                same people and places (an alert and the write-thru that rewrote it)
// and two brakes:
//   figures      when both carry figures and most differ, it is another day's template story
//                (market close, exchange rates, weather), not a version
//   time         versions arrive within hours or a day or two; a follow-up days later is a new story
// For alert-sized texts the lede, headline and names weigh more, body overlap less.
// Text evidence dominates the score on purpose: the hard negatives (another agency's story, a
// same-day story on the same topic) share entities and headline words, never the wording.
import type { Fingerprint, StoredFingerprint } from './fingerprint.js';
import { normalizeText, shingles } from './text.js';

export interface MatchThresholds {
  /** Minimum score for a near-duplicate match. Default 0.35 (tuned on fixtures/dedupe: the hard negatives peak near 0.28, alert-to-write-thru pairs spread from 0.1 to 0.5). */
  nearDuplicate: number;
  /** Hours apart after which the score starts to fall (halved at twice this). Default 36. */
  versionWindowHours: number;
  /** Neighbours fetched from the band index per article. Default 50. */
  candidateLimit: number;
}

export const defaultThresholds: MatchThresholds = {
  nearDuplicate: 0.35,
  versionWindowHours: 36,
  candidateLimit: 50,
};

export interface MatchCandidate extends Fingerprint {
  publishedAt?: string;
  feedId?: string;
}

/** Below this many distinct shingles (about 60 words) a text counts as an alert-sized item. */
const SHORT_TEXT_SHINGLES = 60;
const SAME_FEED_BONUS = 0.1;
const MANY_DIFFERING_FIGURES = 4;

export interface MatchEvidence {
  jaccard: number;
  containment: number;
  lede: number;
  headline: number;
  entities: number;
  /** Share of figures in common; undefined when either side has fewer than three. */
  figures?: number;
  /** Undefined when either side has no publication time. */
  hoursApart?: number;
  /** Same feed, within hours, mostly the same names: earns the same-feed bonus. */
  sameFeed: boolean;
}

export interface ScoredNeighbour {
  articleId: string;
  storyId: string;
  score: number;
  evidence: MatchEvidence;
}

export interface MatchResult {
  /** The best neighbour at or above the threshold, if any. */
  match?: ScoredNeighbour;
  /** The best neighbour whatever its score (explains a `new` decision). */
  best?: ScoredNeighbour;
  threshold: number;
  reason: string;
}

export function matchStory(
  candidate: MatchCandidate,
  neighbours: StoredFingerprint[],
  thresholds: MatchThresholds,
): MatchResult {
  // Stable order, ties broken by article id: the same inputs always pick the same neighbour.
  const scored = neighbours
    .map((n) => scoreNeighbour(candidate, n, thresholds))
    .sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
  const best = scored[0];
  const threshold = thresholds.nearDuplicate;
  if (!best) return { threshold, reason: 'no neighbour shares a band key' };
  const reason = `${explain(best)} → ${best.score.toFixed(3)} ${best.score >= threshold ? '>=' : '<'} ${threshold}`;
  return best.score >= threshold ? { match: best, best, threshold, reason } : { best, threshold, reason };
}

export function scoreNeighbour(
  candidate: MatchCandidate,
  neighbour: StoredFingerprint,
  thresholds: MatchThresholds,
): ScoredNeighbour {
  const evidence: MatchEvidence = {
    jaccard: minhashJaccard(candidate.minhash, neighbour.minhash),
    containment: sketchContainment(candidate, neighbour),
    lede: overlap(shingles(contentWords(candidate.lede, false), 3), shingles(contentWords(neighbour.lede, false), 3)),
    headline: overlap(contentWords(candidate.title, true), contentWords(neighbour.title, true)),
    entities: overlap(candidate.entityKeys, neighbour.entityKeys),
    figures:
      candidate.figures.length >= 3 && neighbour.figures.length >= 3
        ? overlap(candidate.figures, neighbour.figures)
        : undefined,
    hoursApart: hoursApart(candidate.publishedAt, neighbour.publishedAt),
    sameFeed: false,
  };
  evidence.sameFeed = sameFeedVersion(candidate, neighbour, evidence, thresholds);
  const text = Math.max(evidence.jaccard, evidence.containment);
  // A one-paragraph alert has too few shingles for body overlap to say much; its lede, headline
  // and names carry more of the evidence.
  const short = Math.min(candidate.shingleCount, neighbour.shingleCount) < SHORT_TEXT_SHINGLES;
  let score = short
    ? 0.35 * text + 0.35 * evidence.lede + 0.15 * evidence.headline + 0.15 * evidence.entities
    : 0.6 * text + 0.25 * evidence.lede + 0.1 * evidence.headline + 0.05 * evidence.entities;
  // A feed rarely carries two distinct stories naming mostly the same people and places within
  // hours (a sidebar shares no wording, which the text terms catch); another agency's story on
  // the event comes from another feed and gets no bonus.
  if (evidence.sameFeed) score += SAME_FEED_BONUS;
  score *= figuresFactor(candidate.figures, neighbour.figures, evidence.figures);
  score *= timeFactor(evidence.hoursApart, thresholds.versionWindowHours);
  return { articleId: neighbour.articleId, storyId: neighbour.storyId, score: round(Math.min(1, score)), evidence };
}

/**
 * Versions keep most of their figures (a correction or an updated toll changes one or two);
 * another day's or another city's template report changes most of them. The brake grows with
 * the number of differing figures, so two short texts that differ by a figure or two are spared.
 */
function figuresFactor(a: string[], b: string[], agreement: number | undefined): number {
  if (agreement === undefined || agreement >= 0.8) return 1;
  const differing = Math.round(Math.min(new Set(a).size, new Set(b).size) * (1 - agreement));
  return differing >= MANY_DIFFERING_FIGURES ? Math.max(0.3, agreement) : Math.max(0.4, agreement + 0.2);
}

function sameFeedVersion(
  candidate: MatchCandidate,
  neighbour: StoredFingerprint,
  evidence: MatchEvidence,
  thresholds: MatchThresholds,
): boolean {
  return (
    candidate.feedId !== undefined &&
    candidate.feedId === neighbour.feedId &&
    evidence.entities >= 0.6 &&
    evidence.hoursApart !== undefined &&
    evidence.hoursApart <= thresholds.versionWindowHours / 3
  );
}

/** 1 within the window, then linearly down to 0.5 at twice the window. */
function timeFactor(hours: number | undefined, window: number): number {
  if (hours === undefined || hours <= window) return 1;
  return Math.max(0.5, 1 - (0.5 * (hours - window)) / window);
}

function minhashJaccard(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

/**
 * Containment of the smaller shingle set in the larger, from bottom-k sketches: both sketches are
 * exact below the lower of their cut-offs, so compare only hashes below it. One pseudo-count in
 * the denominator keeps a two-shingle alert from claiming certainty.
 */
function sketchContainment(a: Fingerprint, b: Fingerprint): number {
  const cutoff = Math.min(sketchCutoff(a), sketchCutoff(b));
  const sa = a.sketch.filter((h) => h <= cutoff);
  const sb = new Set(b.sketch.filter((h) => h <= cutoff));
  if (sa.length === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const h of sa) if (sb.has(h)) shared++;
  return shared / (Math.min(sa.length, sb.size) + 1);
}

function sketchCutoff(f: Fingerprint): number {
  return f.shingleCount > f.sketch.length ? f.sketch[f.sketch.length - 1] : Infinity;
}

const STOPWORDS = new Set(
  'a an the of in on at to for and or but by with from as is are was were be been has have had it its this that says said after over into amid new'.split(
    ' ',
  ),
);

function contentWords(text: string, dropStopwords: boolean): string[] {
  const tokens = normalizeText(text)
    .split(' ')
    .filter((w) => w !== '');
  return dropStopwords ? tokens.filter((w) => !STOPWORDS.has(w)) : tokens;
}

/** |A ∩ B| / min(|A|, |B|) over distinct items; 0 when either is empty. */
function overlap(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  return shared / Math.min(sa.size, sb.size);
}

function hoursApart(a?: string, b?: string): number | undefined {
  if (!a || !b) return undefined;
  const ms = Math.abs(Date.parse(a) - Date.parse(b));
  return Number.isFinite(ms) ? round(ms / 3_600_000) : undefined;
}

function explain(n: ScoredNeighbour): string {
  const e = n.evidence;
  const parts = [
    `jaccard ${e.jaccard.toFixed(2)}`,
    `containment ${e.containment.toFixed(2)}`,
    `lede ${e.lede.toFixed(2)}`,
    `headline ${e.headline.toFixed(2)}`,
    `entities ${e.entities.toFixed(2)}`,
  ];
  if (e.figures !== undefined) parts.push(`figures ${e.figures.toFixed(2)}`);
  if (e.hoursApart !== undefined) parts.push(`${e.hoursApart} h apart`);
  if (e.sameFeed) parts.push('same feed');
  return `${n.articleId}: ${parts.join(', ')}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
