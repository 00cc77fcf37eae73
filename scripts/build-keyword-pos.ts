// Builds src/enrich/keyword-pos.json: the lower-case words that CoNLL-2003 eng.train (Reuters
// newswire, 1996) uses mostly as verbs or mostly as adverbs, from its part-of-speech column.
// Keywords leave such words out ("knows", "defer", "calmly"): a verb or an adverb says what
// happened or how, not what the story is about. Only the word lists are shipped, never the text.
//
//   npx tsx scripts/build-keyword-pos.ts [eng.train] [output.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { sharedDataPath } from './shared-data.js';

const source = process.argv[2] ?? sharedDataPath('conll2003/eng.train');
const output = process.argv[3] ?? new URL('../src/enrich/keyword-pos.json', import.meta.url).pathname;
/** Share of a word's uses that must be verbs (or adverbs) for it to be listed as one. */
const MAJORITY = 0.6;
/** Uses of another kind assumed for every word, so a handful of uses does not decide ("transfer": 2 verbs, 1 noun). */
const PRIOR = 1;

// Gerunds (VBG) stay out: "bombing", "shooting" are what a story is about (keywords.ts weighs them apart).
const VERB = new Set(['VB', 'VBD', 'VBN', 'VBP', 'VBZ']);
const ADVERB = new Set(['RB', 'RBR', 'RBS']);

const uses = new Map<string, { all: number; verb: number; adverb: number }>();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const [word, tag] = line.split(' ');
  // lower-case uses only: a capitalised "Rose" or "Bush" is a name as often as a word
  if (!tag || !/^\p{Ll}[\p{Ll}'-]*$/u.test(word)) continue;
  const u = uses.get(word) ?? { all: 0, verb: 0, adverb: 0 };
  u.all++;
  if (VERB.has(tag)) u.verb++;
  if (ADVERB.has(tag)) u.adverb++;
  uses.set(word, u);
}

const listed = (key: 'verb' | 'adverb') =>
  [...uses]
    .filter(([, u]) => u[key] >= MAJORITY * (u.all + PRIOR))
    .map(([w]) => w)
    .sort();
const verbs = listed('verb');
const adverbs = listed('adverb');
writeFileSync(
  output,
  JSON.stringify({
    source: 'CoNLL-2003 eng.train (Reuters RCV1), part-of-speech column, lower-case words only',
    majority: MAJORITY,
    prior: PRIOR,
    verbs,
    adverbs,
  }) + '\n',
);
console.log(`wrote ${verbs.length} verbs and ${adverbs.length} adverbs to ${output}`);
