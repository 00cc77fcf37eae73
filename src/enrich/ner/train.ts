// Trains the averaged structured perceptron (Collins 2002) with first-order Viterbi decoding.
// Features are interned to integer ids once, so an epoch over CoNLL's 200k tokens takes seconds.
// The training-set name list is jackknifed: each sentence sees only names from the other folds'
// documents, or the model would learn that every training name is listed and trust the list
// blindly on new text. Sentences are read within their documents (see document.ts), some
// documents sentence by sentence so that a lone sentence is tagged well too.
import { historyFeatures, normalizeWord, PREVIOUS, TAGS, tokenFeatures, wordFeatures } from './features.js';
import type { LabelledSentence } from './conll.js';
import { documentFeatures } from './document.js';
import { MentionScorer } from './evaluate.js';
import { addEntries, Gazetteer, type GazetteerEntries } from './gazetteer.js';
import { tagSpans } from './spans.js';
import { MODEL_FORMAT, type ModelFile } from './tagger.js';
import { AveragedWeights } from './perceptron.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { START, viterbi } from './viterbi.js';

export interface TrainOptions {
  /** Passes over the training data. */
  epochs: number;
  /** Seed of the shuffle between epochs, so a run is reproducible. */
  seed: number;
  /** Name lists from outside the training data (countries, cities, first names). */
  gazetteer: GazetteerEntries;
  /** Folds for the jackknifed training-set name list; default 5. */
  folds?: number;
  /** Features seen fewer times than this in training are ignored, so weights go to ones that generalise; default 2. */
  minCount?: number;
  /**
   * Every n-th training document is read sentence by sentence, without its document context,
   * so the model also copes with a lone sentence; 0 for never. Default 6.
   */
  aloneEvery?: number;
  /** Sentences scored after each epoch and reported through `log`. */
  dev?: LabelledSentence[];
  /** Features whose largest averaged weight is below this are dropped; default 0.01. */
  minWeight?: number;
  /** Integer scale of the stored weights; default 1000. */
  scale?: number;
  log?: (line: string) => void;
}

const T = TAGS.length;
const TAG_ID = new Map<string, number>(TAGS.map((t, i) => [t, i]));

/** Train-set names as a name list labelled "train:TYPE". */
export function trainingNames(sentences: LabelledSentence[]): GazetteerEntries {
  const entries: GazetteerEntries = {};
  for (const s of sentences) {
    for (const span of tagSpans(s.tags)) {
      addEntries(entries, [s.words.slice(span.first, span.last + 1).join(' ')], `train:${span.type}`);
    }
  }
  return entries;
}

function mergeEntries(...lists: GazetteerEntries[]): GazetteerEntries {
  const merged: GazetteerEntries = {};
  for (const list of lists) {
    for (const [phrase, labels] of Object.entries(list)) {
      const into = (merged[phrase] ??= []);
      for (const l of labels) if (!into.includes(l)) into.push(l);
    }
  }
  return merged;
}

function score(w: Float64Array, ids: ArrayLike<number>, scores: Float64Array, offset = 0): void {
  for (let j = 0; j < ids.length; j++) {
    const base = ids[j] * T;
    if (base < 0) continue;
    for (let k = 0; k < T; k++) scores[offset + k] += w[base + k];
  }
}

/** Best tag sequence for a prepared sentence under weights `w`. */
function decode(w: Float64Array, s: Prepared): number[] {
  const n = s.words.length;
  const emit = new Float64Array(n * T);
  for (let i = 0; i < n; i++) score(w, s.staticIds[i], emit, i * T);
  return viterbi(n, (i, prev, out) => {
    out.set(emit.subarray(i * T, i * T + T));
    score(w, s.historyIds[i].subarray(prev * HISTORY, prev * HISTORY + HISTORY), out);
  });
}

/** Structured perceptron step: reward the gold sequence's features, penalise the prediction's. */
function learn(model: AveragedWeights, s: Prepared): number {
  const predicted = decode(model.weights, s);
  let errors = 0;
  for (let i = 0; i < predicted.length; i++) {
    const g = s.gold[i];
    const p = predicted[i];
    const gPrev = i > 0 ? s.gold[i - 1] : START;
    const pPrev = i > 0 ? predicted[i - 1] : START;
    if (g !== p) errors++;
    if (g === p && gPrev === pPrev) continue;
    if (g !== p) model.update(s.staticIds[i], g, p);
    const h = s.historyIds[i];
    model.adjust(h.subarray(gPrev * HISTORY, gPrev * HISTORY + HISTORY), g, 1);
    model.adjust(h.subarray(pPrev * HISTORY, pPrev * HISTORY + HISTORY), p, -1);
  }
  model.clock++;
  return errors;
}

interface Prepared {
  words: string[];
  gold: number[];
  staticIds: Int32Array[];
  /** Per token, the history feature ids for each previous tag (START included), HISTORY apiece. */
  historyIds: Int32Array[];
}

const HISTORY = historyFeatures('O', ['x'], 0).length;

function prepare(
  s: LabelledSentence,
  context: string[][] | undefined,
  gazetteer: Gazetteer,
  model: AveragedWeights,
  create: boolean,
): Prepared {
  const words = s.words.map(normalizeWord);
  const features = tokenFeatures(words, gazetteer.features(words), context);
  return {
    words,
    gold: s.tags.map((t) => TAG_ID.get(t) ?? 0),
    staticIds: features.map((fs, i) => Int32Array.from([...wordFeatures(words[i]), ...fs], (f) => model.id(f, create))),
    historyIds: words.map((_, i) =>
      Int32Array.from(
        PREVIOUS.flatMap((prev) => historyFeatures(prev, words, i)),
        (f) => model.id(f, create),
      ),
    ),
  };
}

/** Marks features seen fewer than `minCount` times as absent (-1) in the prepared sentences. */
function dropRare(sentences: Prepared[], featureCount: number, minCount: number): void {
  if (minCount <= 1) return;
  const counts = new Int32Array(featureCount);
  for (const s of sentences) for (const ids of s.staticIds) for (const id of ids) counts[id]++;
  for (const s of sentences) {
    for (const ids of s.staticIds) ids.forEach((id, j) => (ids[j] = counts[id] < minCount ? -1 : id));
  }
}

/**
 * Document-context features of each sentence, documents taken from the CoNLL -DOCSTART- marks.
 * Every `aloneEvery`-th document is read sentence by sentence instead, so the model also learns
 * to tag a sentence that comes without its article.
 */
function documentContexts(sentences: LabelledSentence[], aloneEvery = 0): string[][][] {
  const out: string[][][] = [];
  let i = 0;
  while (i < sentences.length) {
    let j = i;
    while (j < sentences.length && sentences[j].doc === sentences[i].doc) j++;
    const doc = sentences.slice(i, j).map((s) => s.words.map(normalizeWord));
    if (aloneEvery > 0 && sentences[i].doc % aloneEvery === 0)
      out.push(...doc.map((words) => documentFeatures([words])[0]));
    else out.push(...documentFeatures(doc));
    i = j;
  }
  return out;
}

function evaluate(w: Float64Array, sentences: Prepared[]): MentionScorer {
  const scorer = new MentionScorer();
  for (const s of sentences) {
    const predicted = decode(w, s);
    scorer.addTags(
      s.gold.map((g) => TAGS[g]),
      predicted.map((p) => TAGS[p]),
    );
  }
  return scorer;
}

export function trainTagger(sentences: LabelledSentence[], options: TrainOptions): ModelFile {
  const folds = options.folds ?? 5;
  const log = options.log ?? (() => {});
  const model = new AveragedWeights();

  const foldGazetteers = Array.from(
    { length: folds },
    (_, k) =>
      new Gazetteer(mergeEntries(options.gazetteer, trainingNames(sentences.filter((s) => s.doc % folds !== k)))),
  );
  const trainContext = documentContexts(sentences, options.aloneEvery ?? 6);
  const train = sentences.map((s, i) => prepare(s, trainContext[i], foldGazetteers[s.doc % folds], model, true));
  dropRare(train, model.names.length, options.minCount ?? 2);
  const finalGazetteer = mergeEntries(options.gazetteer, trainingNames(sentences));
  const runtimeGazetteer = new Gazetteer(finalGazetteer);
  const devSentences = options.dev ?? [];
  const devContext = documentContexts(devSentences);
  const dev = devSentences.map((s, i) => prepare(s, devContext[i], runtimeGazetteer, model, false));
  log(`ner: ${train.length} sentences, ${model.names.length} static features`);

  const rand = seededRandom(options.seed);
  const order = train.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    let tokens = 0;
    for (const idx of order) {
      errors += learn(model, train[idx]);
      tokens += train[idx].gold.length;
    }
    let line = `epoch ${epoch}: train token error ${((100 * errors) / tokens).toFixed(2)}%`;
    if (dev.length > 0) {
      const scorer = evaluate(model.averaged(), dev);
      const f1 = ['PER', 'ORG', 'LOC', 'MISC'].map((t) => `${t} ${(100 * scorer.scores(t).f1).toFixed(2)}`);
      line += `, dev F1 ${f1.join(' ')} ALL ${(100 * scorer.scores().f1).toFixed(2)}`;
    }
    log(line);
  }
  return toModelFile(model, finalGazetteer, options);
}

function toModelFile(model: AveragedWeights, gazetteer: GazetteerEntries, options: TrainOptions): ModelFile {
  const scale = options.scale ?? 1000;
  const minWeight = options.minWeight ?? 0.01;
  const avg = model.averaged();
  const features: string[] = [];
  const weights: number[] = [];
  model.names.forEach((name, id) => {
    const row = Array.from(avg.subarray(id * T, id * T + T), (w) => Math.round(w * scale));
    if (row.every((w) => Math.abs(w) < minWeight * scale)) return;
    features.push(name);
    weights.push(...row);
  });
  return {
    format: MODEL_FORMAT,
    tags: [...TAGS],
    scale,
    features,
    weights,
    gazetteer,
    meta: {
      epochs: options.epochs,
      seed: options.seed,
      minCount: options.minCount ?? 2,
      aloneEvery: options.aloneEvery ?? 6,
      trainedFeatures: model.names.length,
      keptFeatures: features.length,
    },
  };
}

/**
 * Averages the weights of models trained alike with different shuffles: a cheap ensemble that
 * smooths out the luck of one training order (+0.2 F1 on CoNLL dev for three seeds).
 */
export function averageModels(models: ModelFile[]): ModelFile {
  const sums = new Map<string, Float64Array>();
  for (const m of models) {
    m.features.forEach((f, i) => {
      let row = sums.get(f);
      if (!row) sums.set(f, (row = new Float64Array(T)));
      for (let k = 0; k < T; k++) row[k] += m.weights[i * T + k] / m.scale / models.length;
    });
  }
  const scale = models[0].scale;
  return {
    ...models[0],
    features: [...sums.keys()],
    weights: [...sums.values()].flatMap((row) => Array.from(row, (w) => Math.round(w * scale))),
    meta: { ...models[0].meta, seeds: models.map((m) => m.meta.seed) },
  };
}
