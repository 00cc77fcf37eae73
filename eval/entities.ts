// `npm run eval -- entities [--set testa|train] [--data DIR] [--verbose]`: the entities a downstream
// service receives, against the tagger alone. Each CoNLL-2003 document (eng.testa, the report set;
// eng.train, the set rules are tuned on) is rebuilt as wire copy (one
// CoNLL line per text line: headline, dateline, hard-wrapped body) and sent as a `{"id","text"}`
// line through processLine(), the function behind `lede process`. Scored at document level: the
// distinct (type, name) pairs of a document, PER/ORG/LOC, a name being a mention's surface text
// as normalised below; recognize() alone on the same text is scored the same way. The breakdown
// says where the record loses what the tagger had: documents not filed as English, gold names
// whose text the body no longer holds, spans the tagger had right but the record dropped, and
// spans the record gave another type.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConll } from '../src/enrich/ner/conll.js';
import { recognize } from '../src/enrich/ner/index.js';
import { tagSpans } from '../src/enrich/ner/spans.js';
import { processLine, type HtmlExtractor } from '../src/cli/process.js';
import { extractArticle } from '../src/extract/index.js';
import { loadConfig } from '../src/shared/config.js';
import { openStore } from '../src/storage/index.js';
import type { Entity, EntityType } from '../src/shared/types.js';
import { sharedDataDir } from '../scripts/shared-data.js';
import { detokenize, documents } from './conll-text.js';

/** Text lines never reach the HTML extractor; `lede process` runs it in a child process. */
const inProcess: HtmlExtractor = (html, url, opts) => Promise.resolve(extractArticle(html, url, opts));

const TYPES = ['PER', 'ORG', 'LOC'] as const;
type Type = (typeof TYPES)[number];
const OF_ENTITY: Record<EntityType, Type> = { person: 'PER', organization: 'ORG', location: 'LOC' };

/** Apostrophes, spacing, a trailing possessive or full stop ("Corp." ending a sentence) do not make a different name. */
export function normaliseName(text: string): string {
  return text.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').replace(/'s?$/, '').replace(/\.$/, '').trim();
}

const key = (type: string, text: string) => `${type}\t${normaliseName(text)}`;

class Scores {
  tp = new Map<string, number>();
  fp = new Map<string, number>();
  fn = new Map<string, number>();
  add(gold: Set<string>, found: Set<string>): void {
    const bump = (m: Map<string, number>, k: string) => {
      const t = k.split('\t')[0];
      m.set(t, (m.get(t) ?? 0) + 1);
    };
    for (const k of found) bump(gold.has(k) ? this.tp : this.fp, k);
    for (const k of gold) if (!found.has(k)) bump(this.fn, k);
  }
  of(type?: string) {
    const sum = (m: Map<string, number>) => (type ? (m.get(type) ?? 0) : [...m.values()].reduce((a, b) => a + b, 0));
    const [tp, fp, fn] = [sum(this.tp), sum(this.fp), sum(this.fn)];
    const p = tp / (tp + fp || 1);
    const r = tp / (tp + fn || 1);
    return { p, r, f1: (2 * p * r) / (p + r || 1), gold: tp + fn };
  }
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string', default: process.env.LEDE_CONLL_DIR ?? resolve(sharedDataDir(), 'conll2003') },
      set: { type: 'string', default: 'testa' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (values.set !== 'testa' && values.set !== 'train') throw new Error('--set is testa or train');
  const docs = documents(readConll(join(values.data, `eng.${values.set}`)));
  const store = await openStore('sqlite::memory:');
  await store.migrate();
  const thresholds = loadConfig().dedupe;
  const tagger = new Scores();
  const record = new Scores();
  const causes = { notEnglish: 0, namesInNotEnglish: 0, textLost: 0, dropped: 0, retyped: 0, added: 0, demonyms: 0 };
  const withDemonyms = new Scores();
  const languages = new Map<string, number>();
  try {
    for (const [i, doc] of docs.entries()) {
      let text = '';
      const gold = new Set<string>();
      for (const s of doc) {
        if (text) text += '\n';
        const rebuilt = detokenize(s.words);
        for (const g of tagSpans(s.tags)) {
          if (!(TYPES as readonly string[]).includes(g.type)) continue;
          gold.add(key(g.type, rebuilt.text.slice(rebuilt.offsets[g.first][0], rebuilt.offsets[g.last][1])));
        }
        text += rebuilt.text;
      }
      const alone = new Set(
        recognize(text)
          .filter((s) => (TYPES as readonly string[]).includes(s.type))
          .map((s) => key(s.type, s.text)),
      );
      const out = await processLine(
        store,
        { id: `${values.set}-${i}`, text },
        'jsdom',
        () => new Date(),
        thresholds,
        inProcess,
      );
      const found = recordNames(out.entities);
      tagger.add(gold, alone);
      record.add(gold, found);
      // "Russian" as a mention of Russia, read as a name (CoNLL tags demonyms MISC)
      const asNames = recordNames(out.entities, true);
      causes.demonyms += [...asNames].filter((k) => !found.has(k)).length;
      withDemonyms.add(gold, asNames);

      const language = out.language ?? 'none';
      languages.set(language, (languages.get(language) ?? 0) + 1);
      if (language !== 'en') {
        causes.notEnglish++;
        causes.namesInNotEnglish += gold.size;
      }
      const body = normaliseName(out.bodyText);
      const anyType = new Set([...found].map((k) => k.split('\t')[1]));
      const misses: string[] = [];
      for (const k of gold) {
        if (found.has(k)) continue;
        const name = k.split('\t')[1];
        let cause = '';
        if (!body.includes(name)) [cause, causes.textLost] = [' (text lost)', causes.textLost + 1];
        else if (alone.has(k) && anyType.has(name)) [cause, causes.retyped] = [' (retyped)', causes.retyped + 1];
        else if (alone.has(k)) [cause, causes.dropped] = [' (dropped)', causes.dropped + 1];
        misses.push(k.replace('\t', ' ') + cause);
      }
      for (const k of found) if (!gold.has(k) && !alone.has(k)) causes.added++;
      if (values.verbose && (misses.length || language !== 'en')) {
        const extra = [...found].filter((k) => !gold.has(k)).map((k) => k.replace('\t', ' '));
        console.log(
          `${i} [${language}] ${text.split('\n')[0]}\n  missed: ${misses.join(' | ')}\n  extra: ${extra.join(' | ')}`,
        );
      }
    }
  } finally {
    await store.close();
  }

  console.log(
    `eng.${values.set}: ${docs.length} documents as {"id","text"} lines through processLine (lede process)\n`,
  );
  console.log('Document level: distinct (type, name) per document, names as mentions write them.\n');
  console.log('| type | tagger P | tagger R | tagger F1 | record P | record R | record F1 | gold |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const type of [...TYPES, undefined]) {
    const a = tagger.of(type);
    const r = record.of(type);
    console.log(
      `| ${type ?? 'ALL'} | ${pct(a.p)} | ${pct(a.r)} | ${pct(a.f1)} | ${pct(r.p)} | ${pct(r.r)} | ${pct(r.f1)} | ${a.gold} |`,
    );
  }
  const langs = [...languages].map(([l, n]) => `${l} ${n}`).join(', ');
  console.log(`\nlanguage of the records: ${langs}`);
  console.log(`\nWhere the record differs from the tagger (gold names unless said otherwise):`);
  console.log(`| cause | count |\n| --- | --- |`);
  console.log(`| documents not filed as English | ${causes.notEnglish} (${causes.namesInNotEnglish} names) |`);
  console.log(`| name's text no longer in bodyText | ${causes.textLost} |`);
  console.log(`| tagger had it, record dropped it | ${causes.dropped} |`);
  console.log(`| tagger had it, record gave another type | ${causes.retyped} |`);
  console.log(`| record names the tagger did not have (right or wrong) | ${causes.added} |`);
  const d = withDemonyms.of();
  console.log(`| demonym mentions ("Russian" for Russia), not counted as names | ${causes.demonyms} |`);
  console.log(`\nrecord counting demonym mentions as names: P ${pct(d.p)} R ${pct(d.r)} F1 ${pct(d.f1)}`);
}

/**
 * What a consumer listing names sees: each mention's surface text with its entity's type, or the
 * name when none. A mention flagged `demonym` ("Russian" for Russia) is a reference, not a name,
 * unless `withDemonyms` (the figure before mentions carried the flag).
 */
function recordNames(entities: Entity[], withDemonyms = false): Set<string> {
  const names = new Set<string>();
  for (const e of entities) {
    const type = OF_ENTITY[e.type];
    if (e.mentions.length === 0) names.add(key(type, e.name));
    for (const m of e.mentions) if (withDemonyms || !m.demonym) names.add(key(type, m.text));
  }
  return names;
}

function pct(x: number): string {
  return (100 * x).toFixed(2);
}
