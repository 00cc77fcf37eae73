// Body-text fidelity on real news pages: ../shared/data/real-pages (181 publishers, 25 languages,
// Fundus's hand-checked bodies; see its README). The pages are split by publisher into a half
// to tune the cleanup rules on and a half never looked at while tuning. The split is a hash of
// the publisher id, fixed before any tuning, so it neither drifts nor favours either side.
// lede runs exactly as `lede process` runs an `html` line (extractArticle, jsdom, no feed).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataPath } from '../scripts/shared-data.js';
import { ledeText, readabilityText, score, type Page, type Score, type Tokens } from './extract.js';

export type Half = 'tune' | 'test';

interface RealPage extends Page {
  language: string;
  half: Half;
}

interface Expected {
  id: string;
  file: string;
  url: string;
  language: string;
  body: string;
}

/** The half a publisher belongs to: the first byte of sha256(id), below 128 for `tune`. */
export function halfOf(id: string): Half {
  return createHash('sha256').update(id).digest()[0] < 128 ? 'tune' : 'test';
}

export function loadRealPages(): RealPage[] {
  const dir = sharedDataPath('real-pages');
  return readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const e = JSON.parse(line) as Expected;
      return {
        name: e.id,
        // Fundus re-saved every page as UTF-8 (README, "Encoding"), whatever its meta says.
        html: gunzipSync(readFileSync(join(dir, e.file))).toString('utf8'),
        url: e.url,
        reference: e.body,
        language: e.language,
        half: halfOf(e.id),
      };
    });
}

type Scored = { page: RealPage; lede: Score; readability: Score };

export async function runRealPages(args: string[]): Promise<void> {
  const halfArg = args[args.indexOf('--half') + 1];
  const halves: Half[] = args.includes('--half') && halfArg !== 'all' ? [halfArg as Half] : ['tune', 'test'];
  // `--tokens runs`: the old metric, where a Chinese or Japanese run of letters is one word.
  const tokens: Tokens = args.includes('--tokens') ? (args[args.indexOf('--tokens') + 1] as Tokens) : 'cjk-chars';
  const pages = loadRealPages().filter((p) => halves.includes(p.half));
  const scored: Scored[] = [];
  for (const page of pages) {
    scored.push({
      page,
      lede: safeScore(() => ledeText(page, 'jsdom'), page, tokens),
      readability: safeScore(() => readabilityText(page, 'jsdom'), page, tokens),
    });
    // Let the event loop breathe between pages on a shared machine.
    await new Promise((r) => setImmediate(r));
  }
  console.log(
    `Real pages (../shared/data/real-pages), word 4-gram overlap with Fundus's expected body (tokens: ${tokens}), jsdom\n`,
  );
  console.log(
    '| half | language | pages | lede P | lede R | lede F1 | Readability P | Readability R | Readability F1 |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const half of halves) {
    const inHalf = scored.filter((s) => s.page.half === half);
    const groups: [string, Scored[]][] = [
      ['all', inHalf],
      ['en', inHalf.filter((s) => s.page.language === 'en')],
      ['de', inHalf.filter((s) => s.page.language === 'de')],
      ['other', inHalf.filter((s) => !['en', 'de'].includes(s.page.language))],
    ];
    for (const [label, group] of groups) {
      if (!group.length) continue;
      const mean = (who: 'lede' | 'readability', k: keyof Score) =>
        (group.reduce((sum, s) => sum + s[who][k], 0) / group.length).toFixed(3);
      console.log(
        `| ${half === 'test' ? 'untouched' : 'tune'} | ${label} | ${group.length} | ${mean('lede', 'precision')} | ${mean('lede', 'recall')} | ${mean('lede', 'f1')} | ${mean('readability', 'precision')} | ${mean('readability', 'recall')} | ${mean('readability', 'f1')} |`,
      );
    }
  }
  if (args.includes('--pages')) {
    console.log(
      '\n| page | half | language | lede P | lede R | lede F1 | Readability F1 |\n|---|---|---|---|---|---|---|',
    );
    for (const s of [...scored].sort((a, b) => a.lede.f1 - b.lede.f1)) {
      console.log(
        `| ${s.page.name} | ${s.page.half} | ${s.page.language} | ${s.lede.precision.toFixed(3)} | ${s.lede.recall.toFixed(3)} | ${s.lede.f1.toFixed(3)} | ${s.readability.f1.toFixed(3)} |`,
      );
    }
  }
}

function safeScore(extract: () => string, page: Page, tokens: Tokens): Score {
  try {
    return score(extract(), page.reference, tokens);
  } catch {
    return score('', page.reference, tokens); // a failure scores 0
  }
}
