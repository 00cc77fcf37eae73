// The stored rows of the dedupe bench (bench/dedupe.ts), a pure function of their position so
// the load can spread over worker threads and the queries can rebuild any stored article.
//
// Every row is a real fingerprint of a generated wire story (src/simulator's templates:
// datelines, names, figures, stock phrases), with the keys assignStory stores for it: bands,
// lede anchors, and the day's entity, headline and report keys. A fifth of the rows are a new
// version of a story filed a little earlier (a paragraph rewritten, one added). The archive
// grows at a constant 2,700 articles a day (10,000 rows ≈ 4 days, 1,000,000 ≈ a year), so what
// changes between sizes is the index and the posting lists of the keys that are not day-scoped
// (anchors on stock phrases and datelines), not how crowded a day is.
import { isMainThread, parentPort } from 'node:worker_threads';
import type { ArticleRecord } from '../src/shared/types.js';
import { generateStories } from '../src/simulator/generate.js';
import type { SimStory } from '../src/simulator/types.js';
import { articleToRow } from '../src/storage/rows.js';
import type { ArticlesTable } from '../src/storage/schema.js';
import {
  daysAround,
  entityBandKeys,
  fingerprint,
  headlineBandKeys,
  reportBandKeys,
  type StoredFingerprint,
} from '../src/stories/fingerprint.js';
import { reportKey } from '../src/stories/template.js';

export const PER_DAY = 2_700;
export const CHUNK = 10_000;
const START = Date.UTC(2025, 0, 1);
const VERSION_SHARE = 0.2;

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A write-thru: one paragraph (not the dateline lede) rewritten from another story, one added. */
export function newVersion(story: SimStory, other: SimStory, r: () => number): SimStory {
  const paragraphs = [...story.paragraphs];
  const at = 1 + Math.floor(r() * (paragraphs.length - 1));
  paragraphs[at] = other.paragraphs[1 + Math.floor(r() * (other.paragraphs.length - 1))];
  paragraphs.push(other.paragraphs[other.paragraphs.length - 1]);
  return { ...story, paragraphs };
}

/** The stories of rows [chunk*CHUNK, (chunk+1)*CHUNK). */
export function chunkStories(chunk: number): SimStory[] {
  const stories = generateStories(CHUNK, 1 + chunk);
  const r = prng(chunk ^ 0x5bd1e995);
  for (let i = 0; i < stories.length; i++) {
    // A version of a story filed a little earlier (within the same day or so).
    if (i > 50 && r() < VERSION_SHARE) stories[i] = newVersion(stories[i - 1 - Math.floor(r() * 50)], stories[i], r);
  }
  return stories;
}

export const dayOf = (i: number) => new Date(START + Math.floor(i / PER_DAY) * 86_400_000).toISOString().slice(0, 10);
export const rowId = (i: number) => `bench-${String(i).padStart(8, '0')}`;
const bodyOf = (s: SimStory) => s.paragraphs.join('\n\n');

/** The keys assignStory stores for an article (its own day only). */
function storedFingerprint(story: SimStory, id: string, day: string): StoredFingerprint {
  const base = fingerprint({ title: story.title, bodyText: bodyOf(story) });
  const today = [day];
  return {
    ...base,
    bandKeys: [
      ...base.bandKeys,
      ...entityBandKeys(base.entityKeys, today),
      ...headlineBandKeys(story.title, today),
      ...reportBandKeys(reportKey(base), today),
    ],
    articleId: id,
    storyId: `s_${id}`,
    publishedAt: `${day}T12:00:00.000Z`,
  };
}

/** The keys assignStory looks candidates up by (the day before and after too). */
export function queryKeys(story: SimStory, day: string): string[] {
  const base = fingerprint({ title: story.title, bodyText: bodyOf(story) });
  const days = daysAround(`${day}T12:00:00.000Z`, 1);
  return [...base.bandKeys, ...entityBandKeys(base.entityKeys, days), ...headlineBandKeys(story.title, days)];
}

function benchArticle(story: SimStory, fp: StoredFingerprint): ArticleRecord {
  const at = fp.publishedAt!;
  const bodyText = bodyOf(story);
  return {
    id: fp.articleId,
    storyId: fp.storyId,
    version: 1,
    feedId: 'bench',
    textHash: fp.textHash,
    dedupe: { kind: 'new', storyId: fp.storyId, rule: 'none' },
    title: story.title,
    bodyText,
    authors: [],
    credits: [],
    sources: {},
    wordCount: bodyText.split(/\s+/).length,
    publishedAt: at,
    entities: [],
    topics: [],
    keywords: [],
    fetchedAt: at,
    createdAt: at,
  };
}

export interface BenchRow {
  /** The articles row, through the store's own mapping. */
  values: ArticlesTable;
  /** Its distinct band-index keys. */
  keys: string[];
}

/** Rows [chunk*CHUNK, min(size, (chunk+1)*CHUNK)). */
export function chunkRows(chunk: number, size: number): BenchRow[] {
  const stories = chunkStories(chunk);
  const rows: BenchRow[] = [];
  for (let j = 0; j < CHUNK && chunk * CHUNK + j < size; j++) {
    const i = chunk * CHUNK + j;
    const fp = storedFingerprint(stories[j], rowId(i), dayOf(i));
    rows.push({ values: articleToRow(benchArticle(stories[j], fp), fp), keys: [...new Set(fp.bandKeys)] });
  }
  return rows;
}

// As a worker thread: answer [chunk, size] with that chunk's rows.
if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', ([chunk, size]: [number, number]) => port.postMessage(chunkRows(chunk, size)));
}
