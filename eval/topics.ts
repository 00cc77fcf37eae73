// `npm run eval -- topics [--errors]`: top-1 top-level IPTC topic accuracy on hand-labelled real
// news (fixtures/topics/labels.jsonl: CoNLL-2003 Reuters 1996 documents and Reuters-21578 1987
// wire items, text read from ../shared). Every document goes through processLine() (what
// `lede process` runs) as a {"id","title","text"} line; the product's first top-level topic is
// compared with the label, beside the cue lexicon alone on the same extracted text. Reported for
// the untouched part (never trained or tuned on) and the training part, each with a confusion
// table. --errors lists the training part's misses (never the untouched part's: looking at those
// would be tuning on them); --training-only runs and reports the training part alone, for
// checking the product path while tuning.
import { parseArgs } from 'node:util';
import { processLine, type HtmlExtractor } from '../src/cli/process.js';
import { classifyTopics, loadTopicVocabulary, type TopicVocabulary } from '../src/enrich/topics/index.js';
import { extractArticle } from '../src/extract/index.js';
import { loadConfig } from '../src/shared/config.js';
import type { Topic } from '../src/shared/types.js';
import { openStore } from '../src/storage/index.js';
import { allDocs, isUntouched, readLabels, type TopicLabel } from '../scripts/topic-corpus.js';

const inProcess: HtmlExtractor = (html, url, opts) => Promise.resolve(extractArticle(html, url, opts));

/** Full-length: at least this many words of body, so tables of results and one-paragraph briefs aside. */
const FULL_LENGTH_WORDS = 100;
const NONE = 'none';

interface Outcome {
  label: TopicLabel;
  words: number;
  product: string;
  cues: string;
  title: string;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      errors: { type: 'boolean', default: false },
      'training-only': { type: 'boolean', default: false },
    },
  });
  const shipped = loadTopicVocabulary();
  const cuesAlone: TopicVocabulary = { ...shipped, model: undefined };
  const topLevel = (topics: Topic[]): string =>
    topics.find((t) => !shipped.concepts.get(t.code)?.broader)?.code ?? NONE;
  const docs = new Map(allDocs().map((d) => [`${d.set}:${d.doc}`, d]));

  const store = await openStore('sqlite::memory:');
  await store.migrate();
  const thresholds = loadConfig().dedupe;
  const outcomes: Outcome[] = [];
  try {
    const labels = readLabels().filter((l) => !(values['training-only'] && isUntouched(l)));
    for (const label of labels) {
      const doc = docs.get(`${label.set}:${label.doc}`);
      if (!doc) throw new Error(`labelled document ${label.set}:${label.doc} not found in ../shared`);
      const out = await processLine(
        store,
        { id: `${label.set}-${label.doc}`, title: doc.title, text: doc.text },
        'jsdom',
        () => new Date(),
        thresholds,
        inProcess,
      );
      outcomes.push({
        label,
        words: out.wordCount ?? out.bodyText.split(/\s+/).length,
        product: topLevel(out.topics),
        cues: topLevel(classifyTopics(out.bodyText, out.title, cuesAlone)),
        title: doc.title,
      });
    }
  } finally {
    await store.close();
  }

  const short = (code: string): string =>
    code === NONE ? NONE : (shipped.concepts.get(code)?.label.split(/[ ,]/)[0] ?? code);
  const accuracy = (rows: Outcome[], pick: (o: Outcome) => string): string =>
    rows.length ? (rows.filter((o) => pick(o) === o.label.top).length / rows.length).toFixed(3) : '-';
  const parts: [string, Outcome[]][] = [
    ['untouched: CoNLL eng.testa', outcomes.filter((o) => o.label.set === 'conll-testa')],
    ['untouched: Reuters-21578 held out', outcomes.filter((o) => o.label.set === 'reuters' && isUntouched(o.label))],
    ['untouched: all', outcomes.filter((o) => isUntouched(o.label))],
    ['training: CoNLL eng.train', outcomes.filter((o) => o.label.set === 'conll-train')],
    ['training: Reuters-21578', outcomes.filter((o) => o.label.set === 'reuters' && !isUntouched(o.label))],
  ];
  console.log('Top-1 top-level IPTC topic accuracy through processLine (lede process)\n');
  console.log('| part | docs | product (model + cues) | cues alone | full-length docs | product | cues alone |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, rows] of parts) {
    const full = rows.filter((o) => o.words >= FULL_LENGTH_WORDS);
    const product = (o: Outcome) => o.product;
    const cues = (o: Outcome) => o.cues;
    console.log(
      `| ${name} | ${rows.length} | ${accuracy(rows, product)} | ${accuracy(rows, cues)} | ${full.length} | ${accuracy(full, product)} | ${accuracy(full, cues)} |`,
    );
  }

  const untouched = parts[2][1];
  const tables: [string, Outcome[]][] = [
    ['untouched: all', untouched],
    ['untouched: full-length', untouched.filter((o) => o.words >= FULL_LENGTH_WORDS)],
    ['training: all', outcomes.filter((o) => !isUntouched(o.label))],
  ];
  for (const [name, rows] of tables) {
    if (rows.length === 0) continue;
    console.log(`\nConfusion, ${name} (rows: label, columns: product's top-level topic)\n`);
    console.log(confusion(rows, short));
  }

  if (values.errors) {
    console.log('\nTraining-part misses (label → product):');
    for (const o of outcomes.filter((x) => !isUntouched(x.label) && x.product !== x.label.top)) {
      console.log(`${o.label.set}:${o.label.doc} ${short(o.label.top)} → ${short(o.product)} | ${o.title}`);
    }
  }
}

function confusion(rows: Outcome[], short: (code: string) => string): string {
  const codes = [...new Set(rows.flatMap((o) => [o.label.top, o.product]))].sort((a, b) =>
    a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : 1,
  );
  const header = `| label \\ product | ${codes.map(short).join(' | ')} | docs | accuracy |`;
  const lines = [header, `|---|${codes.map(() => '---|').join('')}---|---|`];
  for (const gold of codes) {
    const mine = rows.filter((o) => o.label.top === gold);
    if (mine.length === 0) continue;
    const cells = codes.map((p) => mine.filter((o) => o.product === p).length || '.');
    const right = mine.filter((o) => o.product === gold).length;
    lines.push(`| ${short(gold)} | ${cells.join(' | ')} | ${mine.length} | ${(right / mine.length).toFixed(3)} |`);
  }
  return lines.join('\n');
}
