// `npm run eval -- dedupe [--verbose] [--wire-only | --templates-only]`: pairwise precision and
// recall of story assignment on the template pairs (fixtures/dedupe/pairs.jsonl and the held-out
// set), then on the real wire stream (eval/dedupe-wire.ts). Each pair gets a fresh in-memory store; article a is ingested,
// then b; the pair is predicted "same" when b joins a's story. Runs the set twice and checks
// the decisions are identical (story ids are derived, never random).
import { readFileSync } from 'node:fs';
import type { ArticleRecord, DedupeDecision } from '../src/shared/types.js';
import type { IngestTx } from '../src/storage/store.js';
import type { StoryLookup } from '../src/stories/lookup.js';
import { assignStory } from '../src/stories/assign.js';
import { canonicalizeUrl } from '../src/stories/canonical-url.js';
import { defaultThresholds, type MatchThresholds } from '../src/stories/match.js';
import { MemoryStoryLookup } from '../src/stories/memory-lookup.js';
import { reportWire } from './dedupe-wire.js';

export interface PairArticle {
  title: string;
  bodyText: string;
  url?: string;
  guid?: string;
  feedId?: string;
  publishedAt: string;
  withdrawn?: boolean;
  /** `type:name` keys as the enricher gives them; without them matching falls back to capitals. */
  entities?: string[];
}

export interface LabelledPair {
  id: string;
  category: string;
  label: 'same' | 'different';
  a: PairArticle;
  b: PairArticle;
}

export interface PairOutcome {
  pair: LabelledPair;
  predictedSame: boolean;
  decision: DedupeDecision;
}

export interface Scores {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export function loadPairs(path = new URL('../fixtures/dedupe/pairs.jsonl', import.meta.url)): LabelledPair[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledPair);
}

/** What the store stage writes after matching: the article with its fingerprint, and its story row. */
export type IngestTarget = StoryLookup & Pick<IngestTx, 'insertArticle' | 'putStory'>;

/**
 * Assigns one article and stores it the way the store stage does (duplicates are only
 * sightings, not stored). Works on the memory lookup and on a real store's ingest transaction.
 */
export async function ingest(
  lookup: IngestTarget,
  articleId: string,
  article: PairArticle,
  thresholds: MatchThresholds,
): Promise<DedupeDecision> {
  const { decision, fingerprint, previous } = await assignStory(lookup, { articleId, ...article }, thresholds);
  if (decision.kind === 'duplicate') return decision;
  const story = await lookup.getStory(decision.storyId);
  const record: ArticleRecord = {
    id: articleId,
    storyId: decision.storyId,
    version: previous ? previous.version + 1 : 1,
    feedId: article.feedId,
    guid: article.guid,
    url: article.url,
    canonicalUrl: article.url ? canonicalizeUrl(article.url) : undefined,
    textHash: fingerprint.textHash,
    dedupe: decision,
    title: article.title,
    bodyText: article.bodyText,
    authors: [],
    credits: [],
    sources: {},
    wordCount: article.bodyText.split(/\s+/).length,
    publishedAt: article.publishedAt,
    entities: [],
    topics: [],
    keywords: [],
    fetchedAt: article.publishedAt,
    createdAt: article.publishedAt,
  };
  await lookup.insertArticle(record, fingerprint);
  await lookup.putStory({
    id: decision.storyId,
    latestArticleId: articleId,
    version: record.version,
    title: article.title,
    feedId: story?.feedId ?? article.feedId,
    withdrawn: article.withdrawn ?? false,
    firstSeenAt: story?.firstSeenAt ?? article.publishedAt,
    updatedAt: article.publishedAt,
  });
  return decision;
}

export async function evaluatePairs(
  pairs: LabelledPair[],
  thresholds: MatchThresholds = defaultThresholds,
): Promise<PairOutcome[]> {
  const outcomes: PairOutcome[] = [];
  for (const pair of pairs) {
    const lookup = new MemoryStoryLookup();
    const first = await ingest(lookup, `${pair.id}#a`, pair.a, thresholds);
    const decision = await ingest(lookup, `${pair.id}#b`, pair.b, thresholds);
    outcomes.push({ pair, predictedSame: decision.storyId === first.storyId, decision });
  }
  return outcomes;
}

export function score(outcomes: PairOutcome[]): Scores {
  const count = (label: 'same' | 'different', predicted: boolean) =>
    outcomes.filter((o) => o.pair.label === label && o.predictedSame === predicted).length;
  const tp = count('same', true);
  const fp = count('different', true);
  const fn = count('same', false);
  const tn = count('different', false);
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
  };
}

export async function run(args: string[]): Promise<void> {
  const sets: Array<[string, string]> = [
    ['tuning set (fixtures/dedupe/pairs.jsonl)', 'pairs.jsonl'],
    ['held-out set (fixtures/dedupe/holdout-pairs.jsonl, never used for tuning)', 'holdout-pairs.jsonl'],
  ];
  let deterministic = true;
  for (const [name, file] of args.includes('--wire-only') ? [] : sets) {
    deterministic =
      (await report(
        name,
        loadPairs(new URL(`../fixtures/dedupe/${file}`, import.meta.url)),
        args.includes('--verbose'),
      )) && deterministic;
  }
  if (!args.includes('--templates-only')) deterministic = (await reportWire(args)) && deterministic;
  if (!deterministic) process.exitCode = 1;
}

/** Prints one set's table; returns whether two runs gave identical decisions. */
async function report(name: string, pairs: LabelledPair[], verbose: boolean): Promise<boolean> {
  const started = performance.now();
  const outcomes = await evaluatePairs(pairs);
  const ms = performance.now() - started;
  const again = await evaluatePairs(pairs);
  const deterministic = outcomes.every((o, i) => JSON.stringify(o.decision) === JSON.stringify(again[i].decision));

  const overall = score(outcomes);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log('');
  console.log(`### dedupe: ${name}`);
  console.log('');
  console.log(`${pairs.length} pairs, ${ms.toFixed(0)} ms (${(ms / (pairs.length * 2)).toFixed(2)} ms per article)`);
  console.log('');
  console.log('| category | label | pairs | predicted same | false merges | recall |');
  console.log('|---|---|---:|---:|---:|---:|');
  const categories = [...new Set(pairs.map((p) => p.category))].sort();
  for (const category of categories) {
    const inCategory = outcomes.filter((o) => o.pair.category === category);
    const s = score(inCategory);
    const label = inCategory[0].pair.label;
    const same = inCategory.filter((o) => o.predictedSame).length;
    // A category holds one label: positives show recall, negatives their false merges.
    console.log(
      `| ${category} | ${label} | ${inCategory.length} | ${same} | ${label === 'same' ? '' : s.falsePositives} | ${label === 'same' ? pct(s.recall) : ''} |`,
    );
  }
  console.log('');
  console.log(
    `overall: precision ${pct(overall.precision)}, recall ${pct(overall.recall)} (TP ${overall.truePositives}, FP ${overall.falsePositives}, FN ${overall.falseNegatives}, TN ${overall.trueNegatives})`,
  );
  const rules = new Map<string, number>();
  for (const o of outcomes) rules.set(o.decision.rule, (rules.get(o.decision.rule) ?? 0) + 1);
  console.log(`decisions by rule (article b): ${[...rules].map(([r, n]) => `${r} ${n}`).join(', ')}`);
  console.log(`deterministic (two runs identical): ${deterministic ? 'yes' : 'NO'}`);

  const wrong = outcomes.filter((o) => (o.pair.label === 'same') !== o.predictedSame);
  if (wrong.length > 0) {
    console.log('');
    console.log(`errors (${wrong.length}${verbose || wrong.length <= 20 ? '' : ', first 20; --verbose for all'}):`);
    for (const o of verbose ? wrong : wrong.slice(0, 20)) {
      console.log(
        `  ${o.pair.label === 'same' ? 'missed' : 'merged'} ${o.pair.id}: ${o.decision.rule} ${o.decision.reason ?? ''}`,
      );
    }
  }
  return deterministic;
}
