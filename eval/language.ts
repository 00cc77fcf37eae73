// `npm run eval -- language`: the shipped detector (src/language/detect.ts) beside franc-min, the
// detector it replaced, with nothing declared: on every CoNLL-2003 eng.testa document rebuilt as
// wire copy (all English, many of them results tables and agate), and on the real pages of
// ../shared/data/real-pages (25 languages) as whole bodies, titles and first 120 characters.
import { readFileSync } from 'node:fs';
import { franc } from 'franc-min';
import { readConll } from '../src/enrich/ner/conll.js';
import { detectLanguage, normaliseLanguageTag } from '../src/language/detect.js';
import { sharedDataPath } from '../scripts/shared-data.js';
import { detokenize, documents } from './conll-text.js';

interface Case {
  text: string;
  language: string;
}

const detectors: Record<string, (text: string) => string> = {
  'franc-min': (text) => normaliseLanguageTag(franc(text.slice(0, 1000))) ?? 'und',
  shipped: (text) => detectLanguage(text),
};

export async function run(): Promise<void> {
  const testa = documents(readConll(sharedDataPath('conll2003/eng.testa'))).map((doc) => ({
    text: doc.map((s) => detokenize(s.words).text).join('\n'),
    language: 'en',
  }));
  const pages = readFileSync(sharedDataPath('real-pages/expected.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { title: string; body: string; language: string });
  const sets: Array<[string, Case[]]> = [
    ['eng.testa documents', testa],
    ['real pages, body', pages.map((p) => ({ text: p.body, language: p.language }))],
    ['real pages, title', pages.map((p) => ({ text: p.title, language: p.language }))],
    ['real pages, first 120 chars', pages.map((p) => ({ text: p.body.slice(0, 120), language: p.language }))],
  ];
  console.log(
    '| set | n | English | ' +
      Object.keys(detectors)
        .map((d) => `${d} correct | ${d} English lost`)
        .join(' | ') +
      ' |',
  );
  console.log('| --- | --- | --- |' + ' --- | --- |'.repeat(Object.keys(detectors).length));
  for (const [name, cases] of sets) {
    const english = cases.filter((c) => c.language === 'en').length;
    const cells = Object.values(detectors).map((detect) => {
      let correct = 0;
      let englishLost = 0;
      for (const c of cases) {
        const guess = detect(c.text);
        if (guess === c.language) correct++;
        else if (c.language === 'en') englishLost++;
      }
      return `${correct} | ${englishLost}`;
    });
    console.log(`| ${name} | ${cases.length} | ${english} | ${cells.join(' | ')} |`);
  }
  const started = performance.now();
  for (const p of pages) detectLanguage(p.body);
  console.log(`\nshipped detector: ${((performance.now() - started) / pages.length).toFixed(2)} ms per page body`);
}
