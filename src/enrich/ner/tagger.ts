// A trained averaged-perceptron sequence tagger: each token's features score every tag, features
// of the previous tag score transitions, and Viterbi picks the best well-formed BIO sequence.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  featureName,
  HISTORY_TEMPLATES,
  lexical,
  normalizeWord,
  PREVIOUS,
  shortShape,
  TAGS,
  visitTokenFeatures,
  WINDOW_TEMPLATES,
  wordFeatures,
  type Tag,
} from './features.js';
import { documentFeatures } from './document.js';
import { Gazetteer, type GazetteerEntries } from './gazetteer.js';
import { viterbi } from './viterbi.js';

export const MODEL_FORMAT = 'lede-ner-perceptron/1';
const T = TAGS.length;
/** Distinct words whose scores are cached; a news vocabulary fits, and clearing is cheap. */
const WORD_CACHE_SIZE = 100_000;
/** Feature lookups remembered by their parts (see FeatureRows); cleared when a document starts past it. */
const FEATURE_CACHE_SIZE = 500_000;

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
  private readonly wordCache = new Map<string, WordInfo>();
  private readonly rows: FeatureRows;
  /** What window features read before and after a sentence. */
  private edges = { start: edgeInfo('<s>'), end: edgeInfo('</s>') };
  readonly meta: Record<string, unknown>;

  constructor(model: ModelFile) {
    if (model.format !== MODEL_FORMAT) throw new Error(`ner: unknown model format ${String(model.format)}`);
    if (model.tags.join() !== TAGS.join()) throw new Error('ner: model tag set differs from this code');
    // a plain loop: Float32Array.from walks an iterator, several times slower on 750,000 weights
    this.weights = new Float32Array(model.weights.length);
    for (let i = 0; i < model.weights.length; i++) this.weights[i] = model.weights[i] / model.scale;
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
    this.rows = new FeatureRows(this.index, FEATURE_CACHE_SIZE);
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
    if (this.rows.bound()) {
      // window features are remembered on the words they read
      this.wordCache.clear();
      this.edges = { start: edgeInfo('<s>'), end: edgeInfo('</s>') };
    }
    return sentences.map((words, s) => this.tagSentence(words, context[s]));
  }

  private tagSentence(words: string[], context: string[][]): Tag[] {
    const n = words.length;
    const info = words.map((w) => this.wordInfo(w));
    const emit = new Float64Array(n * T);
    // each token's word scores, window features and other features, in order: the sums training made
    for (let i = 0; i < n; i++) {
      emit.set(info[i].scores, i * T);
      for (let slot = 0; slot < WINDOW_TEMPLATES.length; slot++)
        this.addRow(this.windowRow(slot, info, i), emit, i * T);
    }
    visitTokenFeatures(
      words,
      info.map((x) => x.lex),
      info.map((x) => x.short),
      this.gazetteer.features(words),
      context,
      (i, name, a, b, c) => this.addRow(this.rows.row(name, a, b, c), emit, i * T),
    );
    const path = viterbi(n, (i, prev, out) => {
      for (let k = 0; k < T; k++) out[k] = emit[i * T + k];
      for (const table of info[i].history) {
        if (table) for (let k = 0; k < T; k++) out[k] += table[prev * T + k];
      }
    });
    return path.map((k) => TAGS[k]);
  }

  /**
   * The row of window feature `slot` at token i, remembered on the token its first part reads
   * (by slot) and under the other parts' strings: "w-1" costs an array read, "w-1w" one lookup.
   */
  private windowRow(slot: number, info: WordInfo[], i: number): number {
    const { name, parts } = WINDOW_TEMPLATES[slot];
    const first = this.at(info, i + parts[0][0])[parts[0][1]];
    const anchor = this.at(info, i + parts[0][0]);
    let node = anchor.window[slot];
    if (parts.length === 1) {
      if (node.row === UNSEEN) node.row = this.index.get(featureName(name, first)) ?? -1;
      return node.row;
    }
    const second = this.at(info, i + parts[1][0])[parts[1][1]];
    node = this.rows.child(node, second);
    const third = parts.length > 2 ? this.at(info, i + parts[2][0])[parts[2][1]] : undefined;
    if (third !== undefined) node = this.rows.child(node, third);
    if (node.row === UNSEEN) node.row = this.index.get(featureName(name, first, second, third)) ?? -1;
    return node.row;
  }

  /** Token j of the sentence, or its edge beyond it. */
  private at(info: WordInfo[], j: number): WordInfo {
    return j < 0 ? this.edges.start : j >= info.length ? this.edges.end : info[j];
  }

  /** What a word brings by itself: its normal forms, its own features' summed weights, its history tables. Cached per distinct word. */
  private wordInfo(word: string): WordInfo {
    let info = this.wordCache.get(word);
    if (!info) {
      const scores = new Float64Array(T);
      for (const f of wordFeatures(word)) this.addRow(this.index.get(f) ?? -1, scores, 0);
      const history = HISTORY_TEMPLATES.map((t, k) => this.history[k].get(t.key(word)));
      info = { raw: word, lex: lexical(word), short: shortShape(word), scores, history, window: windowNodes() };
      if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.clear();
      this.wordCache.set(word, info);
    }
    return info;
  }

  private addRow(row: number, scores: Float64Array, offset: number): void {
    if (row < 0) return;
    const base = row * T;
    for (let k = 0; k < T; k++) scores[offset + k] += this.weights[base + k];
  }
}

interface WordInfo {
  raw: string;
  lex: string;
  short: string;
  scores: Float64Array;
  /** Per history template, the word's table of (previous tag, tag) weights, if the model has one. */
  history: (Float32Array | undefined)[];
  /** Per window template whose first part reads this word, its rows (see windowRow). */
  window: RowNode[];
}

/** The sentence's edge as window features read it. */
const edgeInfo = (edge: string): WordInfo => ({
  raw: edge,
  lex: edge,
  short: edge,
  scores: new Float64Array(T),
  history: [],
  window: windowNodes(),
});
const windowNodes = (): RowNode[] => WINDOW_TEMPLATES.map(() => ({ row: UNSEEN }));

interface RowNode {
  /** The feature's weight row, -1 when the model lacks it, UNSEEN before the first lookup. */
  row: number;
  next?: Map<string, RowNode>;
}
const UNSEEN = -2;

/**
 * Weight rows of features looked up by their parts (name, then each part), so tagging never
 * joins "w-1w=the|kim" to find it: the parts are words and shapes whose hashes the engine keeps.
 * A miss joins them once and asks the model's index.
 */
class FeatureRows {
  private root: RowNode = { row: UNSEEN };
  private nodes = 0;

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly limit: number,
  ) {}

  row(name: string, a?: string, b?: string, c?: string): number {
    let node = this.child(this.root, name);
    if (a !== undefined) {
      node = this.child(node, a);
      if (b !== undefined) {
        node = this.child(node, b);
        if (c !== undefined) node = this.child(node, c);
      }
    }
    if (node.row === UNSEEN) node.row = this.index.get(featureName(name, a, b, c)) ?? -1;
    return node.row;
  }

  /** Forgets everything once past the limit (true then): text without end brings pairs without end. */
  bound(): boolean {
    if (this.nodes < this.limit) return false;
    this.root = { row: UNSEEN };
    this.nodes = 0;
    return true;
  }

  child(node: RowNode, key: string): RowNode {
    node.next ??= new Map();
    let child = node.next.get(key);
    if (!child) {
      node.next.set(key, (child = { row: UNSEEN }));
      this.nodes++;
    }
    return child;
  }
}

/** Reads a gzip JSON model file written by `npm run train:ner`. */
export function loadModel(path: string): Tagger {
  return new Tagger(JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ModelFile);
}
