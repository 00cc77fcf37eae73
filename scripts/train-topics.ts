// `npm run train:topics [-- --cv]`: learns the top-level topic model (models/topics-en.json.gz)
// from the hand-labelled real news in fixtures/topics/labels.jsonl, reading the text from
// ../shared at run time. Only the training part is used: the untouched part (scripts/topic-corpus.ts)
// is for `npm run eval -- topics` and is never seen here. --cv reports 5-fold cross-validated
// accuracy on the training part for a few settings, which is how the defaults below (and the cue
// features' weight in model.ts) were chosen.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { cueEvidence, loadTopicVocabulary, topicFeatures } from '../src/enrich/topics/index.js';
import { CUE_WEIGHT, softmax } from '../src/enrich/topics/model.js';
import { tokenize } from '../src/enrich/topics/tokens.js';
import { allDocs, isUntouched, readLabels } from './topic-corpus.js';

interface Example {
  features: Map<string, number>;
  label: number;
}

interface Settings {
  epochs: number;
  l2: number;
  rate: number;
  /** A class's examples weigh (largest class size / its size) ^ balance: 0 weighs every document
   * alike; above 0 the rare topics (a handful of science or environment stories against hundreds of
   * economy ones) are not simply outvoted by the prior. */
  balance: number;
  /** Top value of the cue lexicon's features (model.ts CUE_WEIGHT, which ships the chosen one). */
  cueWeight: number;
}

const DEFAULTS: Settings = { epochs: 20, l2: 1e-4, rate: 0.5, balance: 0.25, cueWeight: CUE_WEIGHT };
/** A word seen in fewer training documents than this is noise, not a topic signal. */
const MIN_DOCS = 2;
/** Weights smaller than this change no decision and are not shipped. */
const PRUNE = 0.05;
const MODEL_FILE = new URL('../models/topics-en.json.gz', import.meta.url);

interface Doc {
  title: string;
  text: string;
  label: number;
  /** Top-level cue evidence, computed once. */
  tops: Map<string, number>;
}

function featuresOf(doc: Doc, cueWeight: number): Example {
  return { features: topicFeatures(tokenize(doc.title), tokenize(doc.text), doc.tops, cueWeight), label: doc.label };
}

/** Multinomial logistic regression by AdaGrad with L2, in a fixed shuffled order. */
function train(examples: Example[], classes: number, s: Settings): { bias: number[]; weights: Map<string, number[]> } {
  const weights = new Map<string, number[]>();
  const grads = new Map<string, number[]>();
  const bias = new Array<number>(classes).fill(0);
  const biasGrad = new Array<number>(classes).fill(0);
  const row = (m: Map<string, number[]>, f: string): number[] => {
    let r = m.get(f);
    if (!r) m.set(f, (r = new Array<number>(classes).fill(0)));
    return r;
  };
  let seed = 12345;
  const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const order = examples.map((_, i) => i);
  const sizes = new Array<number>(classes).fill(0);
  for (const e of examples) sizes[e.label]++;
  const largest = Math.max(...sizes);
  const classWeight = sizes.map((n) => (n ? (largest / n) ** s.balance : 1));
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const { features, label } = examples[k];
      const weight = classWeight[label];
      const scores = [...bias];
      for (const [f, v] of features) {
        const w = weights.get(f);
        if (w) for (let c = 0; c < classes; c++) scores[c] += v * w[c];
      }
      const p = softmax(scores);
      for (let c = 0; c < classes; c++) {
        const g = weight * (p[c] - (c === label ? 1 : 0));
        biasGrad[c] += g * g;
        bias[c] -= (s.rate * g) / Math.sqrt(biasGrad[c] + 1e-8);
      }
      for (const [f, v] of features) {
        const w = row(weights, f);
        const gs = row(grads, f);
        for (let c = 0; c < classes; c++) {
          const g = weight * (p[c] - (c === label ? 1 : 0)) * v + s.l2 * w[c];
          gs[c] += g * g;
          w[c] -= (s.rate * g) / Math.sqrt(gs[c] + 1e-8);
        }
      }
    }
  }
  return { bias, weights };
}

function predict(model: { bias: number[]; weights: Map<string, number[]> }, features: Map<string, number>): number {
  const scores = [...model.bias];
  for (const [f, v] of features) {
    const w = model.weights.get(f);
    if (w) for (let c = 0; c < scores.length; c++) scores[c] += v * w[c];
  }
  return scores.indexOf(Math.max(...scores));
}

/** Keeps features seen in at least MIN_DOCS of the given examples (cue features always). */
function restrict(examples: Example[]): Example[] {
  const df = new Map<string, number>();
  for (const e of examples) for (const f of e.features.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const keep = (f: string): boolean => f.startsWith('cue:') || (df.get(f) ?? 0) >= MIN_DOCS;
  return examples.map((e) => ({ label: e.label, features: new Map([...e.features].filter(([f]) => keep(f))) }));
}

function crossValidate(docs: Doc[], classes: number, s: Settings, folds = 5): number {
  const examples = docs.map((d) => featuresOf(d, s.cueWeight));
  let correct = 0;
  for (let fold = 0; fold < folds; fold++) {
    const trainPart = restrict(examples.filter((_, i) => i % folds !== fold));
    const model = train(trainPart, classes, s);
    examples.forEach((e, i) => {
      if (i % folds === fold && predict(model, e.features) === e.label) correct++;
    });
  }
  return correct / examples.length;
}

function main(args: string[]): void {
  const { values } = parseArgs({ args, options: { cv: { type: 'boolean', default: false } } });
  const vocab = loadTopicVocabulary(undefined, undefined, null);
  const docs = new Map(allDocs().map((d) => [`${d.set}:${d.doc}`, d]));
  const labels = readLabels().filter((l) => !isUntouched(l));
  const classes = [...new Set(labels.map((l) => l.top))].sort();
  const training: Doc[] = labels.map((l) => {
    const doc = docs.get(`${l.set}:${l.doc}`);
    if (!doc) throw new Error(`labelled document ${l.set}:${l.doc} not found in ../shared`);
    const evidence = cueEvidence(doc.text, doc.title, vocab);
    const tops = new Map([...evidence].filter(([code]) => !vocab.concepts.get(code)?.broader));
    return { title: doc.title, text: doc.text, label: classes.indexOf(l.top), tops };
  });
  console.log(`training part: ${training.length} labelled documents, ${classes.length} top-level topics`);

  if (values.cv) {
    for (const s of [
      DEFAULTS,
      { ...DEFAULTS, balance: 0 },
      { ...DEFAULTS, balance: 0.5 },
      { ...DEFAULTS, cueWeight: 1 },
      { ...DEFAULTS, cueWeight: 3 },
      { ...DEFAULTS, l2: 3e-5 },
    ]) {
      console.log(`5-fold accuracy ${crossValidate(training, classes.length, s).toFixed(3)} with ${JSON.stringify(s)}`);
    }
    return;
  }

  const examples = training.map((d) => featuresOf(d, DEFAULTS.cueWeight));
  const model = train(restrict(examples), classes.length, DEFAULTS);
  const weights: Record<string, number[]> = {};
  for (const [f, w] of [...model.weights].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const sparse = w.flatMap((x, c) => (Math.abs(x) >= PRUNE ? [c, Math.round(x * 1000) / 1000] : []));
    if (sparse.length) weights[f] = sparse;
  }
  const file = {
    kind: 'lede-topics-logreg',
    note: 'weights learnt from hand-labelled Reuters news (fixtures/topics/labels.jsonl); no text',
    classes,
    bias: model.bias.map((b) => Math.round(b * 1000) / 1000),
    weights,
  };
  const gz = gzipSync(JSON.stringify(file), { level: 9 });
  writeFileSync(MODEL_FILE, gz);
  const kept = Object.keys(weights).length;
  console.log(`wrote models/topics-en.json.gz: ${kept} features, ${(gz.length / 1024).toFixed(0)} KiB`);
}

main(process.argv.slice(2));
