// Pages in legacy encodings: fetched over HTTP, sniffed as browsers do, extracted and stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHtmlPage } from '../../src/fetch/charset.js';
import { extractArticle, extractFromFeedContent } from '../../src/extract/index.js';
import { fetchAndExtract } from '../../src/pipeline/fetch.js';
import { pageGetter } from '../../src/pipeline/http-adapters.js';
import { storeArticle } from '../../src/pipeline/store.js';
import { loadConfig } from '../../src/shared/config.js';
import { openStore } from '../../src/storage/index.js';
import { startServer, type TestServer } from './test-server.js';

const STORY = [
  'Café crème brûlée is back on the menu at the old station café, the owner said on Monday.',
  'Prices rise to €4 because the “naïve” supplier contracts of last year have ended, she added.',
  'Regulars from Besançon and Zürich said they would keep coming whatever the price of a coffee.',
];

function page(head: string): string {
  return `<!doctype html><html lang="en"><head>${head}<title>Café reopens</title></head><body>
<article><h1>Café reopens</h1>${STORY.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

const cp1252 = (html: string) =>
  Buffer.from(html.replace('€', '\x80').replace('“', '\x93').replace('”', '\x94'), 'latin1');

describe('sniffing a page encoding', () => {
  it('takes the Content-Type charset, reading ISO-8859-1 as windows-1252', () => {
    const bytes = cp1252(page(''));
    expect(decodeHtmlPage(bytes, 'text/html; charset=ISO-8859-1')).toMatchObject({ encoding: 'windows-1252' });
    expect(decodeHtmlPage(bytes, 'text/html; charset=ISO-8859-1').text).toContain('€4 because the “naïve”');
  });

  it('reads <meta charset> and <meta http-equiv> in the first 1,024 bytes', () => {
    expect(decodeHtmlPage(cp1252(page('<meta charset="windows-1252">'))).text).toContain('Café crème brûlée');
    const httpEquiv = page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">');
    expect(decodeHtmlPage(cp1252(httpEquiv)).text).toContain('Café crème brûlée');
  });

  it('lets a byte-order mark win over the header, and the header over the meta', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="iso-8859-1">'))]);
    expect(decodeHtmlPage(bom, 'text/html; charset=iso-8859-1').text).toContain('Café crème');
    const utf8 = Buffer.from(page('<meta charset="iso-8859-1">'));
    expect(decodeHtmlPage(utf8, 'text/html; charset=utf-8').text).toContain('Café crème');
  });

  it('ignores a meta charset after the first 1,024 bytes or inside a comment', () => {
    const late = cp1252(page(`<!-- ${'x'.repeat(1100)} --><meta charset="utf-8">`));
    expect(decodeHtmlPage(late).encoding).toBe('windows-1252');
    expect(decodeHtmlPage(cp1252(page('<!-- <meta charset="utf-8"> -->'))).encoding).toBe('windows-1252');
  });

  it('falls back to UTF-8 for valid UTF-8 and to windows-1252 otherwise', () => {
    expect(decodeHtmlPage(Buffer.from(page(''))).text).toContain('Zürich');
    expect(decodeHtmlPage(cp1252(page(''))).text).toContain('Zürich');
  });
});

describe('when a page is served as windows-1252', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    server.route('/header', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=ISO-8859-1' }).end(cp1252(page('')));
    });
    server.route('/meta-only', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(cp1252(page('<meta charset="windows-1252">')));
    });
  });
  afterAll(() => server.close());

  for (const variant of ['header', 'meta-only']) {
    it(`stores the article with its accents (${variant})`, async () => {
      const config = loadConfig({ LEDE_FETCH_ALLOW_PRIVATE_HOSTS: server.host });
      const url = `${server.origin}/${variant}`;
      const outcome = await fetchAndExtract(
        {
          getPage: pageGetter(config),
          robotsAllowed: () => Promise.resolve(true),
          extract: (html, u, opts) => Promise.resolve(extractArticle(html, u, opts)),
          extractFromFeed: extractFromFeedContent,
          dom: 'jsdom',
        },
        { url, item: { title: 'Café reopens' } } as Parameters<typeof fetchAndExtract>[1],
      );
      if (outcome.status !== 'extracted') throw new Error(`expected an article, got ${JSON.stringify(outcome)}`);
      const store = await openStore('sqlite::memory:');
      try {
        await store.migrate();
        const { articleId } = await storeArticle(
          store,
          {
            url,
            itemKey: url,
            article: outcome.article,
            enrichment: { entities: [], topics: [], keywords: [] },
            fetchedAt: new Date().toISOString(),
          },
          { thresholds: config.dedupe, now: () => new Date() },
        );
        const stored = await store.getArticle(articleId);
        expect(stored?.title).toBe('Café reopens');
        expect(stored?.bodyText).toContain('Café crème brûlée is back');
        expect(stored?.bodyText).toContain('Prices rise to €4 because the “naïve” supplier');
        expect(stored?.bodyText).not.toContain('\uFFFD');
      } finally {
        await store.close();
      }
    });
  }
});
