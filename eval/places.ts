// `npm run eval -- places [--candidates N] [--verbose]`: how often a place lands in the right
// country, on real news: CoNLL-2003 eng.testa (Reuters, 1996), read from ../shared/data.
//
// The gold: fixtures/places/conll-testa.json, two seeded random samples of the LOC mentions of
// eng.testa (one per document and name; 'dev' was looked at while changing the resolver, 'test'
// was not), each labelled by hand with the ISO country it denotes in its story (null for regions
// spanning countries: "Europe", "Gulf"; those are left out). The recogniser is given the gold
// spans, so the figure measures place resolution alone, not NER. A mention is right when the
// entity it ends up in carries the labelled country code.
//
// A second set targets ambiguity on the real wire: fixtures/places/reuters-ambiguous.json, words
// in Reuters-21578 bodies (1987) that name cities in several countries ("Portland", "Milan",
// "Paris", "Washington"), hand-labelled. There the shipped tagger finds the spans, as in
// production, and the item's dateline is passed: the figure is the whole pipeline's.
//
// --candidates N prints a fresh sample of N CoNLL mentions with their context, for labelling.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { readConll, type LabelledSentence } from '../src/enrich/ner/conll.js';
import { tagSpans } from '../src/enrich/ner/spans.js';
import type { NerSpan } from '../src/enrich/ner/index.js';
import { extractEntities } from '../src/enrich/entities/index.js';
import { lookupCountry } from '../src/enrich/entities/gazetteer.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { sharedDataDir } from '../scripts/shared-data.js';
import { detokenize } from './conll-text.js';

interface GoldPlace {
  doc: number;
  text: string;
  country: string | null;
  /** dev: looked at while changing the resolver; test: held out. */
  split: 'dev' | 'test';
}

interface Doc {
  body: string;
  dateline?: { text: string; place: string };
  spans: NerSpan[];
}

/** One CoNLL document as an article: sentences one per line, the "CITY 1996-08-22" line as dateline. */
function toDoc(sentences: LabelledSentence[]): Doc {
  let body = '';
  const spans: NerSpan[] = [];
  let dateline: Doc['dateline'];
  for (const s of sentences) {
    if (body) body += '\n\n';
    const { text, offsets } = detokenize(s.words);
    const m = /^([A-Z][A-Z .'-]+?) \d{4}-\d{2}-\d{2}$/.exec(text);
    if (m && !dateline) dateline = { text, place: m[1] };
    for (const span of tagSpans(s.tags)) {
      const start = body.length + offsets[span.first][0];
      const end = body.length + offsets[span.last][1];
      spans.push({ type: span.type as NerSpan['type'], start, end, text: '' });
    }
    body += text;
  }
  for (const sp of spans) sp.text = body.slice(sp.start, sp.end);
  return { body, dateline, spans };
}

function loadDocs(): Doc[] {
  const path = resolve(process.env.LEDE_CONLL_DIR ?? resolve(sharedDataDir(), 'conll2003'), 'eng.testa');
  const byDoc = new Map<number, LabelledSentence[]>();
  for (const s of readConll(path)) byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), s]);
  return [...byDoc.values()].map(toDoc);
}

/** Country code the resolver gave the entity holding the mention, per LOC mention text. */
function resolveDoc(doc: Doc): Map<string, string | undefined> {
  const entities = extractEntities(
    { bodyText: doc.body, dateline: doc.dateline },
    { recognize: (text) => (text === doc.body ? doc.spans : []) },
  );
  const out = new Map<string, string | undefined>();
  for (const span of doc.spans.filter((s) => s.type === 'LOC')) {
    const entity = entities.find((e) => e.mentions.some((m) => m.start < span.end && span.start < m.end));
    if (!out.has(span.text)) out.set(span.text, entity?.type === 'location' ? entity.countryCode : undefined);
  }
  return out;
}

/** A fresh seeded sample of LOC mentions not yet labelled, with their context, for labelling. */
function printCandidates(docs: Doc[], n: number, seed: number, labelled: GoldPlace[]) {
  const done = new Set(labelled.map((g) => `${g.doc}\u0000${g.text}`));
  const all = docs.flatMap((d, doc) =>
    [...new Set(d.spans.filter((s) => s.type === 'LOC').map((s) => s.text))].map((text) => ({ doc, text })),
  );
  const random = seededRandom(seed);
  const sample = all
    .map((c) => ({ c, r: random() }))
    .sort((a, b) => a.r - b.r)
    .filter((x) => !done.has(`${x.c.doc}\u0000${x.c.text}`))
    .slice(0, n)
    .map((x) => x.c);
  for (const { doc, text } of sample) {
    const body = docs[doc].body;
    const at = body.indexOf(text);
    const context = body.slice(Math.max(0, at - 80), at + text.length + 60).replace(/\s+/g, ' ');
    console.log(
      JSON.stringify({
        doc,
        text,
        country: lookupCountry(text)?.countryCode ?? '?',
        dateline: docs[doc].dateline?.place,
        context,
      }),
    );
  }
}

interface ReutersPlace {
  id: number;
  at: number;
  text: string;
  country: string | null;
}

/** Right, wrong country or none, for each labelled ambiguous word of the Reuters sample. */
function reutersTally() {
  const gold = JSON.parse(
    readFileSync(new URL('../fixtures/places/reuters-ambiguous.json', import.meta.url), 'utf8'),
  ) as { places: ReutersPlace[] };
  const path = resolve(sharedDataDir(), 'reuters21578-early/docs.jsonl.gz');
  const items = new Map<number, { title: string; dateline: string; body: string }>();
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n')) {
    const item = JSON.parse(line) as { id: number; title: string; dateline: string; body: string };
    items.set(item.id, item);
  }
  const tally = { right: 0, wrong: 0, none: 0 };
  const misses: string[] = [];
  for (const g of gold.places) {
    if (g.country === null) continue;
    const item = items.get(g.id)!;
    // "PORTLAND, Maine, March 17 -" → "PORTLAND, Maine"
    const place = item.dateline.replace(/,?\s*(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\b.*$/, '');
    const entities = extractEntities({
      title: item.title,
      bodyText: item.body,
      ...(place ? { dateline: { text: item.dateline, place } } : {}),
    });
    const end = g.at + g.text.length;
    const entity = entities.find((e) => e.mentions.some((m) => m.start < end && g.at < m.end));
    const got = entity?.type === 'location' ? entity.countryCode : undefined;
    const outcome = got === g.country ? 'right' : got ? 'wrong' : 'none';
    tally[outcome]++;
    if (outcome !== 'right') misses.push(`  reuters ${g.id} ${g.text}: gold ${g.country}, got ${got ?? '-'}`);
  }
  return { tally, misses };
}

export async function run(args: string[]): Promise<void> {
  const docs = loadDocs();
  const gold = JSON.parse(readFileSync(new URL('../fixtures/places/conll-testa.json', import.meta.url), 'utf8')) as {
    places: GoldPlace[];
  };
  const n = args.indexOf('--candidates');
  const seed = args.indexOf('--seed');
  if (n >= 0) {
    return printCandidates(docs, Number(args[n + 1] ?? 200), seed >= 0 ? Number(args[seed + 1]) : 20, gold.places);
  }
  const resolved = new Map<number, Map<string, string | undefined>>();
  const zero = () => ({ right: 0, wrong: 0, none: 0 });
  const tally: Record<string, ReturnType<typeof zero>> = {};
  const misses: string[] = [];
  for (const g of gold.places) {
    if (g.country === null) continue;
    if (!resolved.has(g.doc)) resolved.set(g.doc, resolveDoc(docs[g.doc]));
    const got = resolved.get(g.doc)!.get(g.text);
    const outcome = got === g.country ? 'right' : got ? 'wrong' : 'none';
    const rows = [g.split, `${g.split}, not a country name`];
    for (const row of lookupCountry(g.text) ? rows.slice(0, 1) : rows) (tally[row] ??= zero())[outcome]++;
    if (outcome !== 'right') misses.push(`  ${g.split} doc ${g.doc} ${g.text}: gold ${g.country}, got ${got ?? '-'}`);
  }
  const reuters = reutersTally();
  misses.push(...reuters.misses);
  tally['reuters, ambiguous names'] = reuters.tally;
  console.log(
    'places in the right country (hand-labelled samples; CoNLL with gold LOC spans, Reuters with the tagger)',
  );
  for (const name of [
    'test',
    'test, not a country name',
    'dev',
    'dev, not a country name',
    'reuters, ambiguous names',
  ]) {
    const t = tally[name] ?? zero();
    const total = t.right + t.wrong + t.none;
    const pct = (x: number) => `${((100 * x) / total).toFixed(1)}%`;
    console.log(
      `  ${name}: ${t.right}/${total} right (${pct(t.right)}), ${t.wrong} wrong country (${pct(t.wrong)}), ${t.none} no country (${pct(t.none)})`,
    );
  }
  if (args.includes('--verbose')) console.log(misses.join('\n'));
}
