// `npm run eval -- extract [DIR] [--pages]`: body-text fidelity against hand-cleaned references.
// For every NAME.html in DIR (default fixtures/pages) with a NAME.txt reference and NAME.json
// (its url, optional feed), scores word 4-gram precision/recall/F1 of lede's bodyText and of
// Readability alone (textContent of Readability's result on the raw page), per DOM setting.
// Scores are averaged over pages; a page an extractor fails on scores 0.
// `npm run eval -- extract real [--half tune|test|all] [--pages] [--tokens cjk-chars|runs]` scores the real pages in
// ../shared/data/real-pages instead (see real-pages.ts): by half and by language, jsdom only.
import { Readability } from '@mozilla/readability';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle, type ExtractOptions } from '../src/extract/index.js';
import { parsePage, type DomKind } from '../src/extract/dom.js';
import { runRealPages } from './real-pages.js';

export interface Page {
  name: string;
  html: string;
  url: string;
  feed?: ExtractOptions['feed'];
  reference: string;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

const N = 4;

export async function run(args: string[]): Promise<void> {
  const dir = args.find((a) => !a.startsWith('--')) ?? 'fixtures/pages';
  if (dir === 'real') return runRealPages(args);
  const perPage = args.includes('--pages');
  const pages = loadPages(dir);
  console.log(
    `Body-text fidelity, word ${N}-gram overlap with the hand-cleaned text, ${pages.length} pages from ${dir}\n`,
  );

  const rows: string[] = [];
  const details: string[] = [];
  for (const dom of ['jsdom', 'linkedom'] as const) {
    const systems: [string, (p: Page) => string][] = [
      ['lede', (p) => ledeText(p, dom)],
      ['Readability alone', (p) => readabilityText(p, dom)],
    ];
    for (const [label, extract] of systems) {
      const scores = pages.map((p) => {
        let text = '';
        try {
          text = extract(p);
        } catch {
          // a failure scores 0
        }
        const s = score(text, p.reference);
        if (perPage) details.push(`| ${p.name} | ${label} | ${dom} | ${s.f1.toFixed(3)} |`);
        return s;
      });
      const mean = (k: keyof Score) => scores.reduce((sum, s) => sum + s[k], 0) / scores.length;
      rows.push(
        `| ${label} | ${dom} | ${mean('precision').toFixed(3)} | ${mean('recall').toFixed(3)} | ${mean('f1').toFixed(3)} | ${scores.filter((s) => s.f1 >= 0.95).length}/${scores.length} |`,
      );
    }
  }
  console.log('| extractor | DOM | precision | recall | F1 | pages F1 ≥ 0.95 |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (perPage) {
    console.log('\n| page | extractor | DOM | F1 |\n|---|---|---|---|');
    for (const d of details) console.log(d);
  }
}

function loadPages(dir: string): Page[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && existsSync(join(dir, f.replace(/\.html$/, '.txt'))))
    .sort()
    .map((f) => {
      const name = f.replace(/\.html$/, '');
      const meta = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
        url: string;
        feed?: ExtractOptions['feed'];
      };
      return {
        name,
        html: readFileSync(join(dir, f), 'utf8'),
        url: meta.url,
        feed: meta.feed,
        reference: readFileSync(join(dir, `${name}.txt`), 'utf8'),
      };
    });
}

export function ledeText(page: Page, dom: DomKind): string {
  const result = extractArticle(page.html, page.url, { dom, feed: page.feed });
  return result.status === 'ok' ? result.article.bodyText : '';
}

export function readabilityText(page: Page, dom: DomKind): string {
  const parsed = parsePage(page.html, page.url, dom);
  try {
    return new Readability(parsed.document).parse()?.textContent ?? '';
  } finally {
    parsed.close();
  }
}

// Chinese and Japanese write no spaces between words, so a run of letters there is a whole
// sentence or clause; each of their characters counts as a word instead, as CJK evaluations
// usually do. `runs` is the old tokenisation (every letter run a word), kept for comparison.
export type Tokens = 'cjk-chars' | 'runs';
const CJK = '[\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}]';
const CJK_OR_WORD = new RegExp(`(?=[\\p{L}\\p{N}])${CJK}|(?:(?!${CJK})[\\p{L}\\p{N}])+`, 'gu');

export function words(text: string, tokens: Tokens = 'cjk-chars'): string[] {
  const lower = text.toLowerCase();
  return (tokens === 'runs' ? lower.match(/[\p{L}\p{N}]+/gu) : lower.match(CJK_OR_WORD)) ?? [];
}

function ngrams(text: string, tokens: Tokens): Map<string, number> {
  const w = words(text, tokens);
  const counts = new Map<string, number>();
  for (let i = 0; i + N <= w.length; i++) {
    const gram = w.slice(i, i + N).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function score(candidate: string, reference: string, tokens: Tokens = 'cjk-chars'): Score {
  const cand = ngrams(candidate, tokens);
  const ref = ngrams(reference, tokens);
  let matched = 0;
  let candTotal = 0;
  let refTotal = 0;
  for (const [gram, n] of cand) {
    candTotal += n;
    matched += Math.min(n, ref.get(gram) ?? 0);
  }
  for (const n of ref.values()) refTotal += n;
  const precision = candTotal ? matched / candTotal : 0;
  const recall = refTotal ? matched / refTotal : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
