import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse.js';
import { fetchUrl } from '../../src/fetch/http.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const baseUrl = 'https://eu.example/feed.xml';
const oneItem = (title: string, declaration = '') =>
  `${declaration}<rss version="2.0"><channel><title>x</title><item><title>${title}</title></item></channel></rss>`;

describe('decoding feed bytes', () => {
  it('reads a windows-1252 feed by its XML declaration', async () => {
    const feed = await parseFeed(fixture('windows-1252.xml'), { baseUrl });
    expect(feed.items[0].title).toBe('“Café” prices rise');
    expect(feed.items[0].summary).toBe('Coffee now costs €4 – up 10%.');
  });

  it('reads an ISO-8859-1 label as windows-1252, so curly quotes and € survive', async () => {
    const feed = await parseFeed(fixture('iso-8859-1.xml'), { baseUrl });
    expect(feed.items[0].title).toBe('“Crème brûlée” season');
    expect(feed.items[0].summary).toBe('Sold at €3 à la carte.');
  });

  it('reads UTF-8 with a byte-order mark', async () => {
    const feed = await parseFeed(fixture('utf8-bom.xml'), { baseUrl });
    expect(feed.items[0].title).toBe('Zoë’s “naïve” café');
  });

  it('lets the Content-Type charset override the XML declaration', async () => {
    const body = Buffer.from(oneItem('caf\xe9', '<?xml version="1.0" encoding="utf-8"?>'), 'latin1');
    const feed = await parseFeed(body, { baseUrl, contentType: 'application/rss+xml; charset=ISO-8859-1' });
    expect(feed.items[0].title).toBe('café');
  });

  it('lets a byte-order mark win over a wrong Content-Type charset', async () => {
    const feed = await parseFeed(fixture('utf8-bom.xml'), { baseUrl, contentType: 'text/xml; charset=iso-8859-1' });
    expect(feed.items[0].title).toBe('Zoë’s “naïve” café');
  });

  it('falls back to UTF-8 when nothing declares an encoding', async () => {
    const body = Buffer.from(oneItem('Zoë €'));
    expect((await parseFeed(body, { baseUrl })).items[0].title).toBe('Zoë €');
  });
});

describe('when a feed arrives gzip-compressed over HTTP', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const name = req.url === '/iso' ? 'iso-8859-1.xml' : 'windows-1252.xml';
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      res.end(gzipSync(fixture(name)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['/1252', '“Café” prices rise'],
    ['/iso', '“Crème brûlée” season'],
  ])('decompresses and decodes %s to the right text', async (path, title) => {
    const result = await fetchUrl(`${origin}${path}`, {
      userAgent: 'lede-test',
      allowPrivateHosts: [new URL(origin).host],
    });
    const feed = await parseFeed(result.body, { baseUrl: result.url, contentType: result.contentType });
    expect(feed.items[0].title).toBe(title);
  });
});
