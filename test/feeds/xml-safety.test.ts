import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const baseUrl = 'https://attacker.example/feed.xml';
const oneItem = (title: string, prolog = '') =>
  `${prolog}<rss version="2.0"><channel><title>x</title><item><title>${title}</title></item></channel></rss>`;

describe('hostile but well-formed feeds', () => {
  it('parses a prolog of thousands of comments in linear time', async () => {
    const comments = '<!-- c -->'.repeat(10_000);
    const feed = await parseFeed(oneItem('After the comments', `<?xml version="1.0"?>${comments}`), { baseUrl });
    expect(feed.items[0].title).toBe('After the comments');
  });

  it('reads a long unbalanced RSS author without stalling', async () => {
    const author = `${'('.repeat(20_000)}x`;
    const body = `<rss version="2.0"><channel><title>x</title><item><author>${author}</author></item></channel></rss>`;
    expect((await parseFeed(body, { baseUrl })).items[0].authors).toEqual([author]);
  });
});

describe('when a feed declares entities', () => {
  it('rejects billion laughs quickly, without growing the heap', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    await expect(parseFeed(fixture('billion-laughs.xml'), { baseUrl })).rejects.toThrow(
      'feed: entity declarations are not allowed',
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
  });

  it('rejects an external entity before anything could read the file it names', async () => {
    await expect(parseFeed(fixture('external-entity.xml'), { baseUrl })).rejects.toThrow(
      'feed: entity declarations are not allowed',
    );
  });

  it('still accepts a plain DOCTYPE without entity declarations', async () => {
    const doctype =
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">';
    const body = oneItem('Still here', `<?xml version="1.0"?>${doctype}`);
    expect((await parseFeed(body, { baseUrl })).items[0].title).toBe('Still here');
  });

  it('decodes the HTML entities feeds use without declaring them', async () => {
    const body = oneItem('caf&eacute; &amp; bar&nbsp;&#8212; &#x201C;ok&#x201D;');
    expect((await parseFeed(body, { baseUrl })).items[0].title).toBe('café & bar\u00a0— “ok”');
  });
});
