// Statistical named-entity recognition for English news text: raw text → sentences → tokens →
// BIO tags from the shipped perceptron model (models/ner-en.json.gz) → character-offset spans.
// Canonicalising and merging mentions is left to the entity post-processing on top of this.
import { fileURLToPath } from 'node:url';
import { tagSpans } from './spans.js';
import { loadModel, type Tagger } from './tagger.js';
import { splitSentences } from './tokenize.js';

export interface NerSpan {
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
  /** Character offsets into the input, end exclusive; text === input.slice(start, end). */
  start: number;
  end: number;
  text: string;
}

export { tokenize, splitSentences, type Token, type Sentence } from './tokenize.js';
export { loadModel, Tagger } from './tagger.js';

/** Where the trained model ships, relative to this file. */
export const MODEL_PATH = fileURLToPath(new URL('../../../models/ner-en.json.gz', import.meta.url));

let shipped: Tagger | undefined;

/** The shipped model, read once on first use (a few hundred milliseconds). */
export function defaultTagger(): Tagger {
  shipped ??= loadModel(MODEL_PATH);
  return shipped;
}

/** Named entities in `text` (one article: its sentences are tagged together), in order of appearance. */
export function recognize(text: string, tagger: Tagger = defaultTagger()): NerSpan[] {
  const spans: NerSpan[] = [];
  const sentences = splitSentences(text);
  const tagged = tagger.tagDocument(sentences.map((s) => s.tokens.map((t) => t.text)));
  sentences.forEach(({ tokens }, s) => {
    for (const span of tagSpans(tagged[s])) {
      const start = tokens[span.first].start;
      const end = tokens[span.last].end;
      spans.push({ type: span.type as NerSpan['type'], start, end, text: text.slice(start, end) });
    }
  });
  return spans;
}
