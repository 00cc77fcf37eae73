// The learnt part of topic classification: a multinomial logistic regression over the words of
// a story (unigrams and bigrams, headline counted twice) and the cue lexicon's evidence per
// top-level topic, trained on hand-labelled real news (`npm run train:topics`). Pure apart from
// loadTopicModel, which reads the shipped weights (models/topics-en.json.gz) once.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Token } from './tokens.js';

export interface TopicModel {
  /** Top-level IPTC codes, in the order of every weight vector. */
  classes: string[];
  bias: number[];
  /** Feature → flat [classIndex, weight, classIndex, weight, ...]; small weights pruned. */
  weights: Map<string, number[]>;
}

export const TOPIC_MODEL_URL = new URL('../../../models/topics-en.json.gz', import.meta.url);

export function loadTopicModel(path: string | URL = TOPIC_MODEL_URL): TopicModel {
  const raw = readFileSync(path);
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const file = checkModelFile(JSON.parse(text) as unknown, String(path));
  return { classes: file.classes, bias: file.bias, weights: new Map(Object.entries(file.weights)) };
}

interface ModelFile {
  kind: 'lede-topics-logreg';
  classes: string[];
  bias: number[];
  weights: Record<string, number[]>;
}

/**
 * The model file's shape, checked by hand: a schema library walking every one of the tens of
 * thousands of weight lists cost each process that loads the model about 100 ms.
 */
function checkModelFile(data: unknown, path: string): ModelFile {
  const fail = (what: string): never => {
    throw new Error(`topics model ${path}: ${what}`);
  };
  if (typeof data !== 'object' || data === null) return fail('not a JSON object');
  const file = data as Partial<Record<keyof ModelFile, unknown>>;
  if (file.kind !== 'lede-topics-logreg') fail('kind is not "lede-topics-logreg"');
  const { classes, bias, weights } = file;
  if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => typeof c === 'string' && CLASS.test(c))) {
    fail('classes: expected two or more IPTC Media Topic codes');
  }
  if (!isNumbers(bias)) fail('bias: expected a list of numbers');
  if ((bias as number[]).length !== (classes as string[]).length) fail('bias/classes mismatch');
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) fail('weights: expected an object');
  for (const [feature, list] of Object.entries(weights as object)) {
    if (!isNumbers(list)) fail(`weights.${feature}: expected a list of numbers`);
  }
  return file as ModelFile;
}

const CLASS = /^medtop:\d{8}$/;

function isNumbers(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (typeof v !== 'number') return false;
  return true;
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
