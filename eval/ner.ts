// `npm run eval -- ner [--model FILE] [--data DIR]`: mention-level precision/recall/F1 of the
// shipped tagger on CoNLL-2003 eng.testa (exact span and type, as conlleval counts them), twice:
// tagging the gold tokens, and tagging detokenized raw sentences through recognize() to see what
// our own tokenizer and sentence splitter lose. Also load time, file size and tagging speed.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConll, type LabelledSentence } from '../src/enrich/ner/conll.js';
import { MentionScorer } from '../src/enrich/ner/evaluate.js';
import { loadModel, MODEL_PATH, recognize } from '../src/enrich/ner/index.js';
import { tagSpans, type TokenSpan } from '../src/enrich/ner/spans.js';
import { sharedDataDir } from '../scripts/shared-data.js';
import { detokenize, documents } from './conll-text.js';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string', default: MODEL_PATH },
      data: {
        type: 'string',
        default: process.env.LEDE_CONLL_DIR ?? resolve(sharedDataDir(), 'conll2003'),
      },
    },
  });
  const started = performance.now();
  const tagger = loadModel(values.model);
  const loadMs = performance.now() - started;
  const dev = readConll(join(values.data, 'eng.testa'));

  const docs = documents(dev);

  const alone = new MentionScorer();
  for (const s of dev) alone.addTags(s.tags, tagger.tag(s.words));

  const inDocuments = new MentionScorer();
  for (const doc of docs) {
    const tagged = tagger.tagDocument(doc.map((s) => s.words));
    doc.forEach((s, i) => inDocuments.addTags(s.tags, tagged[i]));
  }

  // raw text: each document rebuilt as paragraphs of detokenized sentences, through recognize()
  const onRaw = new MentionScorer();
  for (const doc of docs) {
    let text = '';
    const gold: TokenSpan[] = [];
    for (const s of doc) {
      if (text) text += '\n\n';
      const rebuilt = detokenize(s.words);
      for (const g of tagSpans(s.tags)) {
        gold.push(
          charSpan(g.type, text.length + rebuilt.offsets[g.first][0], text.length + rebuilt.offsets[g.last][1]),
        );
      }
      text += rebuilt.text;
    }
    onRaw.add(
      gold,
      recognize(text, tagger).map((p) => charSpan(p.type, p.start, p.end)),
    );
  }

  console.log(
    `eng.testa: ${dev.length} sentences in ${docs.length} documents, ${dev.reduce((n, s) => n + s.words.length, 0)} tokens\n`,
  );
  console.log(
    'F1 by mode: each sentence alone (gold tokens); sentences within their document (gold tokens); raw text through recognize().\n',
  );
  console.log('| type | P alone | R alone | F1 alone | P doc | R doc | F1 doc | F1 raw | gold |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const type of [...TYPES, 'ALL']) {
    const only = type === 'ALL' ? undefined : type;
    const a = alone.scores(only);
    const d = inDocuments.scores(only);
    const r = onRaw.scores(only);
    console.log(
      `| ${type} | ${pct(a.precision)} | ${pct(a.recall)} | ${pct(a.f1)} | ${pct(d.precision)} | ${pct(d.recall)} | ${pct(d.f1)} | ${pct(r.f1)} | ${a.gold} |`,
    );
  }
  console.log(`\nmodel: ${values.model}`);
  console.log(`size ${(statSync(values.model).size / 1e6).toFixed(2)} MB, load ${loadMs.toFixed(0)} ms`);
  const speed = msPer1000Words(docs, tagger);
  console.log(
    `tagging: ${speed.wall.toFixed(2)} ms wall, ${speed.cpu.toFixed(2)} ms CPU per 1,000 words (median over dev documents of 200+ words, raw text)`,
  );
}

function pct(x: number): string {
  return (100 * x).toFixed(2);
}

/** A character span in the TokenSpan shape the scorer compares. */
function charSpan(type: string, start: number, end: number): TokenSpan {
  return { type, first: start, last: end };
}

/** Median time of recognize() per 1,000 words over dev documents rebuilt as raw text, wall clock and CPU. */
function msPer1000Words(
  docs: LabelledSentence[][],
  tagger: ReturnType<typeof loadModel>,
): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const doc of docs) {
    const text = doc.map((s) => detokenize(s.words).text).join('\n\n');
    const words = text.split(/\s+/).length;
    if (words < 200) continue;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    recognize(text, tagger);
    const used = process.cpuUsage(cpuStarted);
    wall.push(((performance.now() - started) * 1000) / words);
    cpu.push((used.user + used.system) / words);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { wall: median(wall), cpu: median(cpu) };
}
