import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';

const seedSlug = 'kim-jong-un-arrives-in-russia-putin-meeting';
let sim: WireSimulator;
let html: string;
let res: Response;

beforeAll(async () => {
  sim = await startWireSimulator();
  res = await fetch(sim.articleUrl(seedSlug));
  html = await res.text();
});
afterAll(() => sim.close());

describe('an article page', () => {
  it('is a full news page of 30-60 KB served as HTML with validators', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(Buffer.byteLength(html)).toBeGreaterThan(30_000);
    expect(Buffer.byteLength(html)).toBeLessThan(60_000);
  });

  it('carries the metadata a publisher page has: JSON-LD NewsArticle, og: tags, canonical link', () => {
    const doc = new JSDOM(html).window.document;
    const ld = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent));
    const article = ld.find((x) => x['@type'] === 'NewsArticle');
    expect(article.headline).toMatch(/^Kim Jong Un arrives in Russia/);
    expect(article.datePublished).toBe('2023-09-11T22:30:00.000Z');
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(article.headline);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(sim.articleUrl(seedSlug));
    expect(doc.querySelector('.byline')?.textContent).toBe('By The Associated Press');
  });

  it('puts every story paragraph in <p> inside <article>, the first starting with the dateline', () => {
    const doc = new JSDOM(html).window.document;
    const paragraphs = [...doc.querySelectorAll('article .article-body p')].map((p) => p.textContent);
    const seed = loadStories().find((s) => s.slug === seedSlug)!;
    expect(paragraphs).toEqual(seed.paragraphs);
    expect(paragraphs[0]).toMatch(/^SEOUL, South Korea \(AP\) — Joined by his top military officials/);
  });

  it('surrounds the story with chrome an extractor has to drop', () => {
    for (const chrome of [
      'cookie-banner',
      'mega-menu',
      'share-bar',
      'ad-break',
      'related-inline',
      'most-read',
      'site-footer',
      '<style>',
      'googletag',
    ]) {
      expect(html).toContain(chrome);
    }
  });

  it('yields the story text and no chrome when run through Readability', () => {
    const dom = new JSDOM(html, { url: sim.articleUrl(seedSlug) });
    try {
      const parsed = new Readability(dom.window.document).parse()!;
      expect(parsed.textContent).toContain('Kremlin spokesperson Dmitry Peskov said');
      expect(parsed.textContent).toContain('Ng Han Guan in Fangchuan, China, contributed.');
      expect(parsed.textContent).not.toMatch(/Advertisement|Share on Facebook|We value your privacy|Most read/);
    } finally {
      dom.window.close();
    }
  });

  it('answers 404 for a story it does not have', async () => {
    expect((await fetch(sim.articleUrl('no-such-story'))).status).toBe(404);
  });

  it('answers 304 when the page has not changed', async () => {
    const again = await fetch(sim.articleUrl(seedSlug), { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('allows crawling in robots.txt', async () => {
    expect(await (await fetch(`${sim.url}/robots.txt`)).text()).toBe('User-agent: *\nAllow: /\n');
  });
});
