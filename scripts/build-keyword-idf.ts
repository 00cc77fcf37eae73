// Builds src/enrich/keyword-df.json: in how many CoNLL-2003 training documents (Reuters
// newswire, 1996) each lowercased word occurs. Keyword scoring divides by this, so words every
// wire story uses ("said", "government") rank below the words that make a story distinct.
// Only counts are shipped, never the text; words seen in fewer than MIN_DF documents are left
// out and treated as rare.
//
//   npx tsx scripts/build-keyword-idf.ts [eng.train] [output.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { sharedDataPath } from './shared-data.js';

const source = process.argv[2] ?? sharedDataPath('conll2003/eng.train');
const output = process.argv[3] ?? new URL('../src/enrich/keyword-df.json', import.meta.url).pathname;
const MIN_DF = 3;

const df = new Map<string, number>();
let docs = 0;
let seen = new Set<string>();
const flush = (): void => {
  for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1);
  seen = new Set();
};
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const word = line.split(' ')[0];
  if (word === '-DOCSTART-') {
    if (seen.size > 0) flush();
    docs++;
    continue;
  }
  if (/^\p{L}[\p{L}'-]*$/u.test(word)) seen.add(word.toLowerCase());
}
flush();

const kept = [...df.entries()].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1]);
writeFileSync(
  output,
  JSON.stringify({
    source: 'CoNLL-2003 eng.train (Reuters RCV1), document frequencies only',
    documents: docs,
    minDf: MIN_DF,
    df: Object.fromEntries(kept),
  }) + '\n',
);
console.log(`wrote ${kept.length} words from ${docs} documents to ${output}`);
