// The learnt part of topic classification: a multinomial logistic regression over the words of
// a story (unigrams and bigrams, headline counted twice) and the cue lexicon's evidence per
// top-level topic, trained on hand-labelled real news (`npm run train:topics`). Pure apart from
// loadTopicModel, which reads the shipped weights (models/topics-en.json.gz) once.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Token } from './tokens.js';

export interface TopicModel {
  /** Top-level IPTC codes, in the order of every weight vector. */
  classes: string[];
  bias: number[];
  /** Feature → flat [classIndex, weight, classIndex, weight, ...]; small weights pruned. */
  weights: Map<string, number[]>;
}

const modelFileSchema = z.object({
  kind: z.literal('lede-topics-logreg'),
  classes: z.array(z.string().regex(/^medtop:\d{8}$/)).min(2),
  bias: z.array(z.number()),
  weights: z.record(z.string(), z.array(z.number())),
});

export const TOPIC_MODEL_URL = new URL('../../../models/topics-en.json.gz', import.meta.url);

export function loadTopicModel(path: string | URL = TOPIC_MODEL_URL): TopicModel {
  const raw = readFileSync(path);
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const file = modelFileSchema.parse(JSON.parse(text));
  if (file.bias.length !== file.classes.length) throw new Error(`topics model ${String(path)}: bias/classes mismatch`);
  return { classes: file.classes, bias: file.bias, weights: new Map(Object.entries(file.weights)) };
}

/** Headline words count twice: a wire headline names the subject in a handful of words. */
const TITLE_COUNT = 2;
/** Body words read: the headline and first paragraphs say what a story is about, and the cost of
 * scoring stays flat however long the story runs. */
const BODY_TOKENS = 250;
/** Cue evidence at which a cue feature reaches half its top value. */
const CUE_HALF = 10;
/** Top value of a cue feature. The word features share one unit of length between them, so a
 * cue feature worth 2 lets the lexicon's reading count for about as much as a strong word
 * (chosen by cross-validation on the training part, `npm run train:topics -- --cv`). */
export const CUE_WEIGHT = 2;

/**
 * Sparse features of one story: log counts of lowercased (plural-folded) words and word pairs of
 * the headline and the first BODY_TOKENS words,
 * scaled to unit length, plus one feature per top-level topic the cue lexicon found evidence for.
 * Numbers are one word ("0"), so scores and figures count without naming each value.
 */
export function topicFeatures(
  titleTokens: Token[],
  bodyTokens: Token[],
  topLevelEvidence: Map<string, number>,
  cueWeight = CUE_WEIGHT,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (tokens: Token[], amount: number): void => {
    let previous: string | undefined;
    for (const token of tokens) {
      const word = isNumber(token.folded) ? '0' : token.folded;
      counts.set(word, (counts.get(word) ?? 0) + amount);
      if (previous !== undefined) {
        const pair = `${previous} ${word}`;
        counts.set(pair, (counts.get(pair) ?? 0) + amount);
      }
      previous = word;
    }
  };
  add(titleTokens, TITLE_COUNT);
  add(bodyTokens.length > BODY_TOKENS ? bodyTokens.slice(0, BODY_TOKENS) : bodyTokens, 1);

  const features = new Map<string, number>();
  let norm = 0;
  for (const [feature, count] of counts) {
    const value = Math.log1p(count);
    features.set(feature, value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [feature, value] of features) features.set(feature, value / norm);
  for (const [code, evidence] of topLevelEvidence)
    features.set(`cue:${code}`, (cueWeight * evidence) / (evidence + CUE_HALF));
  return features;
}

function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Probability of each class (model.classes order). */
export function topicProbabilities(model: TopicModel, features: Map<string, number>): number[] {
  const scores = [...model.bias];
  for (const [feature, value] of features) {
    const w = model.weights.get(feature);
    if (!w) continue;
    for (let i = 0; i < w.length; i += 2) scores[w[i]] += value * w[i + 1];
  }
  return softmax(scores);
}

export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
