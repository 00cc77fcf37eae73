// IPTC Media Topic classification: weighted cue terms, and, when the vocabulary carries one, a
// model learnt from labelled real news (./model.ts) that decides the top-level topics. Pure: the
// vocabulary and model are loaded by the caller (loadTopicVocabulary). How cues are scored:
//   1. every cue occurrence counts 3x in the title, 2x in the lede, 1x after; repeats of one cue
//      saturate (square root), so a story that says "war" twenty times is not twenty times war;
//   2. a topic's evidence is its own cues plus everything found under it in the hierarchy, so a
//      parent always scores at least as high as its children;
//   3. evidence is divided by a length factor, so long stories do not pick up every topic they
//      mention in passing;
//   4. top-level topics: the model's most probable one when it is confident or the cues back it
//      (then others close to it in probability), then those the cues support (above an absolute
//      floor and close enough to the best cued one); then their best-supported narrower topics
//      from the cues, each brought in with its ancestors.
import type { Topic } from '../../shared/types.js';
import { findCues, type CueHit } from './cues.js';
import { topicFeatures, topicProbabilities, type TopicModel } from './model.js';
import { tokenize, type Token } from './tokens.js';
import type { TopicVocabulary } from './vocabulary.js';

/** Tuning knobs; the defaults were set on fixtures/enrich-dev (`npm run eval -- enrich`). */
export interface ClassifyOptions {
  /** Most topics returned, ancestors included. Default 5. */
  maxTopics?: number;
  /** Most top-level topics returned. Default 3. */
  maxTopLevel?: number;
  /** Least normalised evidence for a top-level topic. Default 7. */
  minScore?: number;
  /** A top-level topic must reach this share of the best one. Default 0.35. */
  relativeToBest?: number;
  /** Least normalised evidence for a narrower topic. Default 7. */
  minNarrowerScore?: number;
}

const TITLE_WEIGHT = 3;
const LEDE_WEIGHT = 2;
const LEDE_TOKENS = 60;
/** Body length (in words) at which the length factor reaches sqrt(2). */
const LENGTH_SCALE = 150;
/** Evidence at which the reported 0..1 score reaches one half. */
const SCORE_HALF = 10;
/** The model's best top-level topic stands alone from this probability; below, cues must back it. */
const MODEL_CONFIDENT = 0.6;
/** A further top-level topic needs this probability, and this share of the best one. */
const MODEL_SECOND = 0.25;
const MODEL_SECOND_SHARE = 0.4;

export function classifyTopics(
  text: string,
  title: string | undefined,
  vocab: TopicVocabulary,
  options: ClassifyOptions = {},
): Topic[] {
  const { maxTopics = 5, maxTopLevel = 3, minScore = 7, relativeToBest = 0.35, minNarrowerScore = 7 } = options;

  const titleTokens = tokenize(title ?? '');
  const bodyTokens = tokenize(text);
  const evidence = cueEvidenceOf(titleTokens, bodyTokens, vocab);

  const topOf = (code: string): string => lineage(code, vocab).at(-1)!;
  const depth = (code: string): number => lineage(code, vocab).length;
  const ranked = [...evidence.entries()].sort((a, b) => b[1] - a[1] || depth(a[0]) - depth(b[0]));
  const tops = ranked.filter(([code]) => topOf(code) === code);
  const best = tops[0]?.[1] ?? 0;
  const cueTops = tops.filter(([, score]) => score >= minScore && score >= best * relativeToBest);
  const modelTops =
    vocab.model && titleTokens.length + bodyTokens.length > 0
      ? keptByModel(vocab.model, topicFeatures(titleTokens, bodyTokens, new Map(tops)), evidence, minScore)
      : [];
  // Top-level code → reported score. The model's topics come first, scored by probability; the
  // cues may add others (a story is often about two things, and the model was trained on one
  // label each), scored by their evidence but never above the model's choice.
  const keptTops = new Map<string, number>(modelTops);
  const ceiling = modelTops[0]?.[1] ?? 1;
  for (const [code, score] of cueTops) if (!keptTops.has(code)) keptTops.set(code, Math.min(toScore(score), ceiling));
  for (const code of [...keptTops.keys()].slice(maxTopLevel)) keptTops.delete(code);

  // Top-level topics first, so narrower ones of the leading topic cannot crowd out the others.
  const chosen = new Set<string>(keptTops.keys());
  for (const [code, score] of ranked) {
    if (chosen.has(code) || !keptTops.has(topOf(code)) || score < minNarrowerScore) continue;
    const missing = lineage(code, vocab).filter((c) => !chosen.has(c));
    if (chosen.size + missing.length > maxTopics) continue;
    for (const c of missing) chosen.add(c);
  }

  // A narrower topic never outscores its top-level one (the model may be less sure than the cues).
  const scored = [...chosen].map((code) => ({
    code,
    label: vocab.concepts.get(code)!.label,
    score: keptTops.get(code) ?? Math.min(toScore(evidence.get(code) ?? 0), keptTops.get(topOf(code)) ?? 1),
  }));
  return scored.sort((a, b) => b.score - a.score || depth(a.code) - depth(b.code));
}

function toScore(evidence: number): number {
  return round(evidence / (evidence + SCORE_HALF));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Top-level topics the model keeps, most probable first, with their probabilities. */
function keptByModel(
  model: TopicModel,
  features: Map<string, number>,
  evidence: Map<string, number>,
  minScore: number,
): [string, number][] {
  const probabilities = topicProbabilities(model, features);
  const ranked = model.classes
    .map((code, i) => [code, probabilities[i]] as [string, number])
    .sort((a, b) => b[1] - a[1]);
  const [bestCode, bestP] = ranked[0];
  if (bestP < MODEL_CONFIDENT && (evidence.get(bestCode) ?? 0) < minScore) return [];
  const kept = ranked.filter(([, p], i) => i === 0 || (p >= MODEL_SECOND && p >= bestP * MODEL_SECOND_SHARE));
  return kept.map(([code, p]) => [code, round(p)]);
}

/**
 * Normalised cue evidence per topic (steps 1-3 above): every topic with a cue in the text,
 * and every topic above it in the hierarchy.
 */
export function cueEvidence(text: string, title: string | undefined, vocab: TopicVocabulary): Map<string, number> {
  return cueEvidenceOf(tokenize(title ?? ''), tokenize(text), vocab);
}

function cueEvidenceOf(titleTokens: Token[], body: Token[], vocab: TopicVocabulary): Map<string, number> {
  const mass = new Map<string, { weight: number; code: string; occurrences: number }>();
  const count = (hits: CueHit[], weightAt: (at: number) => number): void => {
    for (const { cue, at } of hits) {
      const key = `${cue.code}\u0000${cue.term}`;
      const entry = mass.get(key) ?? { weight: cue.weight, code: cue.code, occurrences: 0 };
      entry.occurrences += weightAt(at);
      mass.set(key, entry);
    }
  };
  count(findCues(titleTokens, vocab.cues), () => TITLE_WEIGHT);
  count(findCues(body, vocab.cues), (at) => (at < LEDE_TOKENS ? LEDE_WEIGHT : 1));

  const lengthFactor = Math.sqrt(1 + body.length / LENGTH_SCALE);
  const evidence = new Map<string, number>();
  for (const { weight, code, occurrences } of mass.values()) {
    const amount = (weight * Math.sqrt(occurrences)) / lengthFactor;
    for (const ancestor of lineage(code, vocab)) {
      evidence.set(ancestor, (evidence.get(ancestor) ?? 0) + amount);
    }
  }

  return evidence;
}

/** The code followed by its broader concepts up to the top level. */
function lineage(code: string, vocab: TopicVocabulary): string[] {
  const chain: string[] = [];
  for (let c: string | undefined = code; c && !chain.includes(c); c = vocab.concepts.get(c)?.broader) {
    chain.push(c);
  }
  return chain;
}
