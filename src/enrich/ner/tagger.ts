// A trained averaged-perceptron sequence tagger: each token's features score every tag, features
// of the previous tag score transitions, and Viterbi picks the best well-formed BIO sequence.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { HISTORY_TEMPLATES, normalizeWord, PREVIOUS, TAGS, tokenFeatures, wordFeatures, type Tag } from './features.js';
import { documentFeatures } from './document.js';
import { Gazetteer, type GazetteerEntries } from './gazetteer.js';
import { viterbi } from './viterbi.js';

export const MODEL_FORMAT = 'lede-ner-perceptron/1';
const T = TAGS.length;
/** Distinct words whose scores are cached; a news vocabulary fits, and clearing is cheap. */
const WORD_CACHE_SIZE = 100_000;

/** The shipped model file (gzip JSON). */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  tags: string[];
  /** Weights are stored as integers; the real weight is integer / scale. */
  scale: number;
  features: string[];
  /** features.length × tags.length integers, row-major by feature. */
  weights: number[];
  gazetteer: GazetteerEntries;
  /** How the model was made (data, epochs, dev scores); informational only. */
  meta: Record<string, unknown>;
}

export class Tagger {
  private readonly index = new Map<string, number>();
  private readonly weights: Float32Array;
  /** Per history template: key → weights of every (previous tag, tag) pair, PREVIOUS × TAGS. */
  private readonly history = HISTORY_TEMPLATES.map(() => new Map<string, Float32Array>());
  private readonly gazetteer: Gazetteer;
  private readonly wordCache = new Map<string, Float64Array>();
  readonly meta: Record<string, unknown>;

  constructor(model: ModelFile) {
    if (model.format !== MODEL_FORMAT) throw new Error(`ner: unknown model format ${String(model.format)}`);
    if (model.tags.join() !== TAGS.join()) throw new Error('ner: model tag set differs from this code');
    this.weights = Float32Array.from(model.weights, (w) => w / model.scale);
    const prevIndex = new Map(PREVIOUS.map((p, i) => [p, i]));
    const templateIndex = new Map(HISTORY_TEMPLATES.map((t, i) => [t.name, i]));
    model.features.forEach((f, row) => {
      const eq = f.indexOf('=');
      const template = templateIndex.get(f.slice(0, eq));
      if (template === undefined) {
        this.index.set(f, row);
        return;
      }
      const bar = f.indexOf('|', eq);
      const prev = prevIndex.get(f.slice(eq + 1, bar)) ?? 0;
      const key = f.slice(bar + 1);
      const tables = this.history[template];
      let table = tables.get(key);
      if (!table) tables.set(key, (table = new Float32Array(PREVIOUS.length * T)));
      table.set(this.weights.subarray(row * T, row * T + T), prev * T);
    });
    this.gazetteer = new Gazetteer(model.gazetteer);
    this.meta = model.meta;
  }

  /** BIO tags for one tokenized sentence, read on its own. */
  tag(rawWords: string[]): Tag[] {
    return this.tagDocument([rawWords])[0];
  }

  /**
   * BIO tags for each sentence of one document. Mentions of the same name share their contexts
   * across the document, so "Magna" is tagged alike in every sentence that names it.
   */
  tagDocument(rawSentences: string[][]): Tag[][] {
    const sentences = rawSentences.map((words) => words.map(normalizeWord));
    const context = documentFeatures(sentences);
    return sentences.map((words, s) => this.tagSentence(words, context[s]));
  }

  private tagSentence(words: string[], context: string[][]): Tag[] {
    const features = tokenFeatures(words, this.gazetteer.features(words), context);
    const emit = new Float64Array(words.length * T);
    features.forEach((fs, i) => {
      emit.set(this.wordScores(words[i]), i * T);
      for (const f of fs) this.add(f, emit, i * T);
    });
    const tables = words.map((w) => HISTORY_TEMPLATES.map((t, k) => this.history[k].get(t.key(w))));
    const path = viterbi(words.length, (i, prev, out) => {
      out.set(emit.subarray(i * T, i * T + T));
      for (const table of tables[i]) {
        if (table) for (let k = 0; k < T; k++) out[k] += table[prev * T + k];
      }
    });
    return path.map((k) => TAGS[k]);
  }

  /** Summed weights of a word's own features, cached per distinct word. */
  private wordScores(word: string): Float64Array {
    let scores = this.wordCache.get(word);
    if (!scores) {
      scores = new Float64Array(T);
      for (const f of wordFeatures(word)) this.add(f, scores, 0);
      if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.clear();
      this.wordCache.set(word, scores);
    }
    return scores;
  }

  private add(feature: string, scores: Float64Array, offset: number): void {
    const row = this.index.get(feature);
    if (row === undefined) return;
    const base = row * T;
    for (let k = 0; k < T; k++) scores[offset + k] += this.weights[base + k];
  }
}

/** Reads a gzip JSON model file written by `npm run train:ner`. */
export function loadModel(path: string): Tagger {
  return new Tagger(JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ModelFile);
}
