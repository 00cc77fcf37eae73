// Fingerprint of one article version: what story matching needs, small enough to store per row.
//
// - textHash: identical copy (after normalization) is a duplicate, no scoring needed.
// - minhash: 128 seeded 32-bit hashes over the body's 4-word shingles; the share of equal
//   positions estimates the Jaccard similarity of two bodies.
// - sketch: the 256 smallest shingle hashes ("bottom-k"). Unlike MinHash it also estimates
//   containment, which is what a trimmed syndicated copy or a one-line alert has with the full
//   story (a 3-paragraph cut of a 12-paragraph story has Jaccard ~0.25 but containment ~1).
// - bandKeys, the index the store looks candidates up by, are of three kinds:
//   * `bNN:` 32 bands x 4 rows of the signature. A pair becomes a candidate with probability
//     1-(1-J^4)^32: 0.23 at J=0.3, 0.87 at J=0.5, >0.99 at J=0.7. Versions and full syndicated
//     copies sit well above 0.5; what sits lower is handled by the anchors below.
//   * `a:` anchors: the lede region's shingles whose hash is 0 mod 3. The selection depends
//     only on the shingle itself, so every anchor of a short copy (alert, trimmed copy, copy
//     with a new headline) that appears in the long one is an anchor there too: containment,
//     not Jaccard, decides whether they meet. Limited to the first 80 words because short
//     versions are the top of the story (wire alerts, copies cut from the bottom).
//   * `e:DAY:NAME` day-scoped entity keys, added by assignStory (they need the publication day):
//     they find the write-thru that rewrote every sentence of an alert.
//   * `h:DAY:W1+W2` day-scoped headline word pairs, also added by assignStory: they find the full
//     story for a headline-only flash (and the flash for it).
//   * `s:DAY:SLUG` the day-scoped slug without its version markers, when the source has one: it
//     finds the story a kill notice withdraws.
// A candidate found by any key is only a candidate: matchStory decides.
import { figures, normalizeText, paragraphs, shingles, textHash, words } from './text.js';
import { hash32, hex32, mix32, seeds } from './hash.js';

export const SHINGLE_WORDS = 4;
export const MINHASH_PERMUTATIONS = 128;
export const LSH_BANDS = 32;
export const LSH_ROWS = MINHASH_PERMUTATIONS / LSH_BANDS;
export const SKETCH_SIZE = 256;
const LEDE_REGION_WORDS = 80;
const ANCHOR_MODULUS = 3;
const MAX_FIGURES = 64;
const PERMUTATION_SEEDS = seeds(MINHASH_PERMUTATIONS);

export interface Fingerprint {
  /** Hash of the normalized body text (the title when the body is empty): equal hashes mean identical copy. */
  textHash: string;
  /** MinHash signature over word shingles. */
  minhash: number[];
  /** LSH band keys derived from the signature, plus lede anchors; the store indexes these. */
  bandKeys: string[];
  /** Smallest SKETCH_SIZE shingle hashes, ascending: estimates containment as well as Jaccard. */
  sketch: number[];
  /** Number of distinct body shingles (the sketch is complete when it is at most SKETCH_SIZE). */
  shingleCount: number;
  /** Figures in the body, in reading order, distinct: template stories differ mostly here. */
  figures: string[];
  title: string;
  /** The opening of the body (first substantial paragraph, up to ~80 words). */
  lede: string;
  /** Normalized entity names (given by the caller, else capitalized words of title and lede). */
  entityKeys: string[];
  /** No body: a flash or alert identified by its headline alone. */
  headlineOnly?: boolean;
}

/** What the store keeps per article for near-duplicate matching. */
export interface StoredFingerprint extends Fingerprint {
  articleId: string;
  storyId: string;
  /** The item's own time (published, else first seen). */
  publishedAt?: string;
  feedId?: string;
  /** Wire keyword with version markers, when the source has one. */
  slug?: string;
}

export interface FingerprintInput {
  title: string;
  bodyText: string;
  entities?: string[];
}

export function fingerprint(input: FingerprintInput): Fingerprint {
  const bodyWords = words(input.bodyText);
  // A title-only item (a bare alert) is identified by its title.
  const tokens = bodyWords.length > 0 ? bodyWords : words(input.title);
  const shingleHashes = [...new Set(shingles(tokens, SHINGLE_WORDS).map((s) => hash32(s)))];
  const minhash = minhashSignature(shingleHashes);
  const lede = ledeOf(input.bodyText) || input.title;
  return {
    textHash: textHash(bodyWords.length > 0 ? input.bodyText : input.title),
    minhash,
    bandKeys: [...bandKeysOf(minhash), ...anchorKeys(tokens)],
    sketch: [...shingleHashes].sort((a, b) => a - b).slice(0, SKETCH_SIZE),
    shingleCount: shingleHashes.length,
    figures: [...new Set(figures(tokens))].slice(0, MAX_FIGURES),
    title: input.title,
    lede,
    entityKeys: entityKeysOf(input.entities ?? capitalizedWords(input.title, lede)),
    ...(bodyWords.length === 0 ? { headlineOnly: true } : {}),
  };
}

function minhashSignature(shingleHashes: number[]): number[] {
  return PERMUTATION_SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (const h of shingleHashes) {
      // XOR with the seed, then a bijective mix: a distinct ordering of shingles per seed.
      const v = mix32(h ^ seed);
      if (v < min) min = v;
    }
    return min;
  });
}

function bandKeysOf(minhash: number[]): string[] {
  const keys: string[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    const rows = minhash.slice(band * LSH_ROWS, (band + 1) * LSH_ROWS).join(',');
    // Two independent 32-bit hashes: bucket collisions stay negligible at millions of rows.
    keys.push(`b${String(band).padStart(2, '0')}:${hex32(hash32(rows))}${hex32(hash32(rows, 0x2545f491))}`);
  }
  return keys;
}

function anchorKeys(tokens: string[]): string[] {
  const region = shingles(tokens.slice(0, LEDE_REGION_WORDS), SHINGLE_WORDS);
  const keys = new Set<string>();
  for (const s of region) {
    const h = hash32(s);
    if (h % ANCHOR_MODULUS === 0) keys.add(`a:${hex32(h)}${hex32(hash32(s, 0x2545f491))}`);
  }
  return [...keys];
}

/**
 * Day-scoped entity keys (`e:2026-03-10:kim jong un`) for the store's band index. They let an
 * alert find the write-thru that rewrote every sentence of it, and scoping by publication day
 * keeps each posting list to one day's articles, so lookups cost the same at 10 thousand or 10
 * million stored articles. Store the keys of the article's day; query the day before and after
 * too (versions arrive within a day or two).
 */
export function entityBandKeys(entityKeys: string[], days: string[]): string[] {
  return days.flatMap((day) => entityKeys.map((e) => `e:${day}:${e}`));
}

/** Headline words too common on a wire to say which story a headline is about. */
export const GENERIC_HEADLINE_WORDS = new Set(
  (
    'a an the of in on at to for and or but by with from as is are was were be says said say sets set ' +
    'qtr net shr year loss profit dividend div payout quarterly qtly regular sees see up down vs mln dlrs ' +
    'billion dlr pct inc corp co ltd plc unit u s us report reports'
  ).split(' '),
);
const HEADLINE_KEY_WORDS = 8;

/**
 * Day-scoped headline keys (`h:2026-03-10:deaver+indicted`): every pair of the headline's first
 * distinctive words. A flash ("FORMER WHITE HOUSE AIDE MICHAEL DEAVER INDICTED") and the full
 * story filed minutes later under another headline ("EX-REAGAN AIDE DEAVER INDICTED ON PERJURY
 * CHARGES") share a pair even when the alert's words never reach the story's opening shingles.
 * Day-scoped like the entity keys, so a posting list holds one day's headlines.
 */
export function headlineBandKeys(title: string, days: string[]): string[] {
  const distinct = [
    ...new Set(words(title).filter((w) => w.length > 1 && !/\d/.test(w) && !GENERIC_HEADLINE_WORDS.has(w))),
  ].slice(0, HEADLINE_KEY_WORDS);
  // The subject alone too ("SWISSAIR 1986 NET ..." and "SWISSAIR <SWSZ.Z> YEAR 1986" share no pair).
  const pairs: string[] = distinct.length > 0 ? [distinct[0]] : [];
  for (let i = 0; i < distinct.length; i++)
    for (let j = i + 1; j < distinct.length; j++)
      pairs.push(distinct[i] < distinct[j] ? `${distinct[i]}+${distinct[j]}` : `${distinct[j]}+${distinct[i]}`);
  return days.flatMap((day) => pairs.map((p) => `h:${day}:${p}`));
}

/**
 * Day-scoped slug keys (`s:2026-03-10:perle`): versions and kill notices carry the story's slug
 * with their own markers, which slugBase strips. No key for a slug of three letters or fewer.
 */
export function slugBandKeys(base: string, days: string[]): string[] {
  return base.length > 3 ? days.map((day) => `s:${day}:${base}`) : [];
}

/**
 * Day-scoped report keys (`r:2026-03-10:uk money market|the bank of england`): a running desk
 * report (the day's money market report, filed five times a day) is recognised by finding
 * itself several times on an earlier day, which the other keys, crowded by the day's copy, miss.
 */
export function reportBandKeys(key: string | undefined, days: string[]): string[] {
  return key === undefined ? [] : days.map((day) => `r:${day}:${key}`);
}

/** The publication day and its neighbours (UTC), or none when the time is missing or unparseable. */
export function daysAround(publishedAt: string | undefined, spread: number): string[] {
  const ms = publishedAt ? Date.parse(publishedAt) : NaN;
  if (!Number.isFinite(ms)) return [];
  const out: string[] = [];
  for (let d = -spread; d <= spread; d++) out.push(new Date(ms + d * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/** First paragraph long enough to be prose (skips bylines and chrome), extended to ~50 words. */
function ledeOf(bodyText: string): string {
  const paras = paragraphs(bodyText);
  const start = paras.findIndex((p) => p.split(' ').length >= 12);
  const picked: string[] = [];
  let count = 0;
  for (const p of paras.slice(start < 0 ? 0 : start)) {
    if (count >= 50) break;
    picked.push(p);
    count += p.split(' ').length;
  }
  return picked.join(' ').split(' ').slice(0, LEDE_REGION_WORDS).join(' ');
}

function entityKeysOf(names: string[]): string[] {
  return [...new Set(names.map(normalizeText).filter((n) => n !== ''))].sort();
}

const NOT_NAMES = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december president prime minister governor chief executive director ' +
    'spokesman spokeswoman officials minister secretary chairman'
  ).split(' '),
);

/**
 * Fallback when no entities are given: capitalized words that do not open a sentence (or that
 * open one as part of a longer name), minus dates and titles, and minus the agency credit in
 * parentheses (it names the source, not the story). Words rather than whole phrases, so
 * "Prime Minister Shigeru Ishiba" and "Ishiba" still overlap. A Title Case headline is skipped:
 * every word in it is capitalized.
 */
function capitalizedWords(title: string, lede: string): string[] {
  const titleWords = title.split(/\s+/);
  const titleCase = titleWords.filter((w) => /^\p{Lu}/u.test(w)).length > titleWords.length * 0.6;
  const text = `${titleCase ? '' : `${title}\n`}${lede}`.replace(/\([^)]*\)/g, ' ');
  const out: string[] = [];
  for (const sentence of text.split(/(?<=[.!?:;\u2014])\s+|\n+/)) {
    const tokens = sentence.split(/\s+/).filter((t) => t !== '');
    tokens.forEach((token, i) => {
      const capitalized = /^\p{Lu}/u.test(token);
      const opensName = i === 0 && tokens[1] !== undefined && /^\p{Lu}/u.test(tokens[1]);
      if (capitalized && (i > 0 || opensName)) out.push(token);
    });
  }
  return out.map(normalizeText).filter((w) => w.length > 2 && !NOT_NAMES.has(w));
}
