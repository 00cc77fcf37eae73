// The real news the topic classifier learns from and is measured on, read from ../shared at run
// time (research-use licences: the repository keeps only ids and labels, fixtures/topics/labels.jsonl):
//   conll-train, conll-testa  CoNLL-2003 documents (Reuters 1996): first sentence as headline
//   reuters                   Reuters-21578 items 1-8,000 (1987) that have a body
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readConll } from '../src/enrich/ner/conll.js';
import { detokenize } from '../eval/conll-text.js';
import { sharedDataPath } from './shared-data.js';

export type TopicSet = 'conll-train' | 'conll-testa' | 'reuters';

export interface NewsDoc {
  set: TopicSet;
  doc: number;
  title: string;
  text: string;
}

export interface TopicLabel {
  set: TopicSet;
  doc: number;
  /** IPTC top-level Media Topic code. */
  top: string;
  /** A narrower code where the story clearly has one. */
  second?: string;
}

export const LABELS_PATH = new URL('../fixtures/topics/labels.jsonl', import.meta.url);

export function readLabels(): TopicLabel[] {
  return readFileSync(LABELS_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TopicLabel);
}

export function conllDocs(set: 'conll-train' | 'conll-testa'): NewsDoc[] {
  const sentences = readConll(sharedDataPath(`conll2003/${set === 'conll-train' ? 'eng.train' : 'eng.testa'}`));
  const byDoc = new Map<number, string[]>();
  for (const s of sentences) byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), detokenize(s.words).text]);
  return [...byDoc].map(([doc, [title, ...rest]]) => ({ set, doc, title, text: rest.join('\n') }));
}

export function reutersDocs(): NewsDoc[] {
  const lines = gunzipSync(readFileSync(sharedDataPath('reuters21578-early/docs.jsonl.gz'))).toString('utf8');
  const docs: NewsDoc[] = [];
  for (const line of lines.split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line) as { id: number; title: string; dateline?: string; body: string };
    // The trailing signature is the wire's, not the story's.
    const body = item.body.replace(/\s*Reuter\s*$/, '').trim();
    if (!body) continue;
    docs.push({ set: 'reuters', doc: item.id, title: item.title, text: `${item.dateline ?? ''} ${body}`.trim() });
  }
  return docs;
}

export function allDocs(): NewsDoc[] {
  return [...conllDocs('conll-train'), ...conllDocs('conll-testa'), ...reutersDocs()];
}

/** Held out, never tuned on: all of eng.testa, and the Reuters items whose id hashes into 0-29 of 100. */
export function isUntouched(doc: { set: TopicSet; doc: number }): boolean {
  if (doc.set === 'conll-testa') return true;
  if (doc.set === 'conll-train') return false;
  return fnv1a(`reuters:${doc.doc}`) % 100 < 30;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
