// Reads CoNLL-2003 files ("word POS chunk tag" per line, blank line between sentences,
// -DOCSTART- between documents). Only words and entity tags are kept: at run time the tagger
// sees raw text, so it must not learn from the POS and chunk columns.
import { readFileSync } from 'node:fs';
import type { Tag } from './features.js';

export interface LabelledSentence {
  words: string[];
  /** BIO tags, whatever scheme (IOB1 or IOB2) the file used. */
  tags: Tag[];
  /** Index of the document the sentence belongs to. */
  doc: number;
}

export function readConll(path: string): LabelledSentence[] {
  return parseConll(readFileSync(path, 'utf8'));
}

export function parseConll(text: string): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let doc = 0;
  let words: string[] = [];
  let raw: string[] = [];
  const flush = () => {
    if (words.length > 0) sentences.push({ words, tags: toBio(raw), doc });
    words = [];
    raw = [];
  };
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      doc++;
    } else if (cols.length < 2) {
      flush();
    } else {
      words.push(cols[0]);
      raw.push(cols[cols.length - 1]);
    }
  }
  flush();
  return sentences;
}

/** IOB1 (I- opens a span unless it continues one of the same type) → BIO, where B- always opens. */
export function toBio(tags: string[]): Tag[] {
  return tags.map((tag, i) => {
    if (tag === 'O') return 'O';
    const type = tag.slice(2);
    const prev = tags[i - 1] ?? 'O';
    const continues = tag.startsWith('I-') && prev !== 'O' && prev.slice(2) === type;
    return `${continues ? 'I' : 'B'}-${type}` as Tag;
  });
}
