import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

describe('an RSS 2.0 feed', async () => {
  const feed = await parseFeed(fixture('rss2-news.xml'), { baseUrl: 'https://gazette.example/feeds/news.xml' });
  const [harbour, ferry, killed] = feed.items;

  it('reads the channel, its polling hints and its WebSub links', () => {
    expect(feed.title).toBe('Harbour Gazette & Courier');
    expect(feed.link).toBe('https://gazette.example/');
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.skipHours).toEqual([2, 3]);
    expect(feed.skipDays).toEqual(['Sunday']);
    expect(feed.selfUrl).toBe('https://gazette.example/feeds/news.xml');
    expect(feed.hubUrl).toBe('https://hub.example/');
  });

  it('keeps content:encoded as the item HTML and the description as its summary', () => {
    expect(harbour.contentHtml).toBe(
      '<p>Councillors voted <b>7–2</b> on Friday.</p><p><a href="/council">More</a></p>',
    );
    expect(harbour.summary).toBe('Councillors voted 7–2 for the repairs\u00a0on Friday.');
  });

  it('reads CDATA titles verbatim', () => {
    expect(harbour.title).toBe('Council approves “harbour wall” repairs');
  });

  it('resolves relative item links and Media RSS images against the feed URL', () => {
    expect(harbour.url).toBe('https://gazette.example/2026/11/28/harbour-wall');
    expect(harbour.imageUrl).toBe('https://gazette.example/images/harbour-wall.jpg');
  });

  it('takes every Dublin Core creator and every category', () => {
    expect(harbour.authors).toEqual(['Ada Quill', 'Ben Marsh']);
    expect(harbour.categories).toEqual(['Local', 'Infrastructure']);
  });

  it('normalizes RFC 822 and Dublin Core dates to ISO 8601 UTC', () => {
    expect(harbour.publishedAt).toBe('2026-11-28T08:30:00.000Z');
    expect(killed.publishedAt).toBe('2026-11-26T15:04:05.000Z');
  });

  it('uses a permalink guid as the URL when the item has no link', () => {
    expect(ferry.guid).toBe('https://gazette.example/2026/11/27/ferry');
    expect(ferry.url).toBe('https://gazette.example/2026/11/27/ferry');
  });

  it('takes the name out of an RSS author "email (Name)"', () => {
    expect(ferry.authors).toEqual(['News Desk']);
  });

  it('prefers a media:group thumbnail over a video, and falls back to an image enclosure', () => {
    expect(ferry.imageUrl).toBe('https://cdn.gazette.example/ferry.jpg');
    expect(killed.imageUrl).toBe('https://cdn.gazette.example/master.jpg');
  });

  it('marks a KILL item as withdrawn and leaves the others alone', () => {
    expect(killed.withdrawn).toBe(true);
    expect(harbour.withdrawn).toBeUndefined();
    expect(ferry.withdrawn).toBeUndefined();
  });
});

describe('an RSS 1.0 (RDF) feed', async () => {
  const feed = await parseFeed(fixture('rdf-news.rdf'), { baseUrl: 'https://wire.example/rdf' });

  it('reads items with rdf:about as their guid and Dublin Core metadata', () => {
    expect(feed.title).toBe('Wire Desk (RDF)');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      guid: 'https://wire.example/stories/1',
      url: 'https://wire.example/stories/1',
      title: 'Rail strike called off',
      authors: ['Carla Reyes'],
      publishedAt: '2026-11-28T04:15:00.000Z',
      categories: ['Transport'],
    });
  });

  it('marks a WITHDRAWN item', () => {
    expect(feed.items[1].withdrawn).toBe(true);
  });
});

describe('an Atom 1.0 feed', async () => {
  const feed = await parseFeed(fixture('atom-news.xml'), { baseUrl: 'https://daily.example/feeds/world' });
  const [floods, opinion, markets] = feed.items;

  it('resolves links against xml:base on the feed and on each entry', () => {
    expect(feed.link).toBe('https://daily.example/world/');
    expect(floods.url).toBe('https://daily.example/world/2026/11/28/floods-recede');
    expect(opinion.url).toBe('https://daily.example/opinion/delta-matters');
    expect(opinion.imageUrl).toBe('https://daily.example/opinion/thumbs/delta.jpg');
  });

  it('reads self and hub links', () => {
    expect(feed.selfUrl).toBe('https://daily.example/world/atom.xml');
    expect(feed.hubUrl).toBe('https://pubsubhubbub.example/');
  });

  it('reads ids, every author, category terms, both dates and an image enclosure', () => {
    expect(floods).toMatchObject({
      guid: 'tag:daily.example,2026:world/4411',
      authors: ['Dana Lee', 'Eli Moss'],
      categories: ['weather', 'asia'],
      publishedAt: '2026-11-28T13:00:00.000Z',
      updatedAt: '2026-11-28T14:45:00.000Z',
      summary: 'Water levels fell for a third day.',
      imageUrl: 'https://daily.example/img/floods.png',
    });
  });

  it('decodes escaped HTML content once, and keeps the entity-escaped title text as sent', () => {
    expect(floods.contentHtml).toBe('<p>Water levels <em>fell</em> for a third day.</p>');
    expect(floods.title).toBe('Floods &lt;b&gt;recede&lt;/b&gt; in the delta');
  });

  it("returns xhtml content as written, without Atom's wrapper div", () => {
    expect(opinion.contentHtml).toBe('<p>It feeds <strong>millions</strong>.</p>');
  });

  it('treats untyped content as plain text, and a zone-less date as UTC', () => {
    expect(markets.contentText).toBe('Plain text only & no markup.');
    expect(markets.contentHtml).toBeUndefined();
    expect(markets.publishedAt).toBe('2026-11-28T07:00:00.000Z');
  });
});

describe('a JSON Feed 1.1', async () => {
  const body = fixture('json-feed.json');
  const feed = await parseFeed(body, {
    baseUrl: 'https://metro.example/feed.json',
    contentType: 'application/feed+json',
  });

  it('maps items, resolving relative URLs', () => {
    expect(feed).toMatchObject({
      title: 'Metro Minute',
      link: 'https://metro.example/',
      hubUrl: 'https://hub.example/',
    });
    expect(feed.items[0]).toMatchObject({
      guid: 'metro-901',
      url: 'https://metro.example/2026/11/28/bus-lanes',
      title: 'Bus lanes extended to the river',
      contentHtml: '<p>Three new lanes open on Monday.</p>',
      imageUrl: 'https://metro.example/img/bus.jpg',
      authors: ['Gil Park', 'Hana Ito'],
      categories: ['transport', 'city'],
      publishedAt: '2026-11-28T06:30:00.000Z',
      updatedAt: '2026-11-28T08:00:00.000Z',
    });
  });

  it('accepts 1.0 habits (numeric id, single author, nulls) and a "kill" tag', () => {
    expect(feed.items[1]).toMatchObject({
      guid: '902',
      url: 'https://elsewhere.example/story',
      contentText: 'A linked story.',
      authors: ['Ivo Berg'],
      withdrawn: true,
    });
    expect(feed.items[1].publishedAt).toBeUndefined();
  });

  it('is recognised by its first character when served as text/plain', async () => {
    const again = await parseFeed(body, { baseUrl: 'https://metro.example/feed.json', contentType: 'text/plain' });
    expect(again.items).toHaveLength(2);
  });

  it('rejects JSON that is not a JSON Feed, naming the field', async () => {
    await expect(
      parseFeed('{"version":"https://jsonfeed.org/version/1.1"}', { baseUrl: 'https://x.example/' }),
    ).rejects.toThrow(/^feed: not a valid RSS, Atom or JSON feed: JSON Feed items: /);
  });
});

describe('when the document is not a feed', () => {
  it.each([
    ['an HTML page', fixture('not-a-feed.html')],
    ['truncated XML', '<rss version="2.0"><channel><item><title>x</title></channel>'],
    ['an empty body', ''],
    ['broken JSON', '{"version": '],
  ])('rejects %s with a clear error', async (_name, body) => {
    await expect(parseFeed(body, { baseUrl: 'https://x.example/' })).rejects.toThrow(
      /^feed: not a valid RSS, Atom or JSON feed: ./,
    );
  });
});

describe('an RSS 2.0 item revised in place', async () => {
  const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Wire</title>
    <item><title>Quake</title><link>https://wire.example/quake</link><guid>urn:quake</guid>
    <pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><atom:updated>2026-11-28T10:30:00Z</atom:updated></item></channel></rss>`;
  const feed = await parseFeed(Buffer.from(xml), { baseUrl: 'https://wire.example/feed.rss' });

  it('reads atom:updated as the time it was last updated', () => {
    expect(feed.items[0].updatedAt).toBe('2026-11-28T10:30:00.000Z');
    expect(feed.items[0].publishedAt).toBe('2026-11-28T09:00:00.000Z');
  });
});
