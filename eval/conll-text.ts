// CoNLL-2003 tokens back to text: documents as lists of sentences, and plausible raw text
// rebuilt from tokens with each token's offsets, for evals that feed raw text to the pipeline.
import type { LabelledSentence } from '../src/enrich/ner/conll.js';

export function documents(sentences: LabelledSentence[]): LabelledSentence[][] {
  const docs = new Map<number, LabelledSentence[]>();
  for (const s of sentences) docs.set(s.doc, [...(docs.get(s.doc) ?? []), s]);
  return [...docs.values()];
}

const NO_SPACE_BEFORE = new Set([
  ',',
  '.',
  ';',
  ':',
  '!',
  '?',
  ')',
  ']',
  '}',
  '%',
  "'s",
  "'S",
  "n't",
  "'re",
  "'ve",
  "'ll",
  "'d",
  "'m",
]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$']);

/** Rebuilds plausible raw text from CoNLL tokens, remembering where each token landed. */
export function detokenize(words: string[]): { text: string; offsets: [number, number][] } {
  let text = '';
  const offsets: [number, number][] = [];
  let quoteOpen = false;
  let glueNext = false;
  for (const w of words) {
    let glue = glueNext || text === '' || NO_SPACE_BEFORE.has(w);
    glueNext = NO_SPACE_AFTER.has(w);
    if (w === '"') {
      if (quoteOpen) glue = true;
      else glueNext = true;
      quoteOpen = !quoteOpen;
    }
    if (!glue) text += ' ';
    offsets.push([text.length, text.length + w.length]);
    text += w;
  }
  return { text, offsets };
}
