// Golden pages: each fixtures/pages/NAME.html has NAME.json (expected metadata, first and last
// body sentences) and NAME.txt (hand-cleaned body). Both DOM settings must meet them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, type ExtractOptions } from '../../src/extract/index.js';

const DIR = join(import.meta.dirname, '../../fixtures/pages');

interface Expected {
  status: 'ok' | 'skipped';
  url: string;
  reason?: string;
  title?: string;
  authors?: string[];
  publishedAt?: string | null;
  canonicalUrl?: string;
  dateline?: { text: string; place?: string; agency?: string } | null;
  language?: string;
  firstSentence?: string;
  lastSentence?: string;
  credits?: string[];
  feed?: ExtractOptions['feed'];
}

const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -5));

function load(name: string) {
  return {
    html: readFileSync(join(DIR, `${name}.html`), 'utf8'),
    expected: JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Expected,
  };
}

it('has at least 30 article fixtures', () => {
  expect(names.filter((n) => load(n).expected.status === 'ok').length).toBeGreaterThanOrEqual(30);
});

describe.each(['jsdom', 'linkedom'] as const)('with %s', (dom) => {
  it.each(names)('%s matches its expected extraction', (name) => {
    const { html, expected } = load(name);
    const result = extractArticle(html, expected.url, { dom, feed: expected.feed });
    if (expected.status === 'skipped') {
      expect(result.status).toBe('skipped');
      if (result.status === 'skipped') expect(result.reason).toContain(expected.reason);
      return;
    }
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const a = result.article;
    expect(a.title).toBe(expected.title);
    expect(a.authors).toEqual(expected.authors);
    expect(a.publishedAt ?? null).toBe(expected.publishedAt);
    expect(a.canonicalUrl).toBe(new URL(expected.canonicalUrl!).href);
    expect(a.dateline ?? null).toEqual(expected.dateline);
    expect(a.language).toBe(expected.language);
    expect(a.bodyText.startsWith(expected.firstSentence!)).toBe(true);
    expect(a.bodyText.endsWith(expected.lastSentence!)).toBe(true);
    expect(a.credits).toEqual(expected.credits);
    expect(a.wordCount).toBeGreaterThan(50);
    expect(a.bodyText).toBe(readFileSync(join(DIR, `${name}.txt`), 'utf8').trim());
  });
});
