// Wire slugs in feeds: an RSS <slug>, an Atom <slugline> and a JSON Feed extension's slug reach
// the fetch job over real HTTP (127.0.0.1), and from there story matching, where a version
// carrying the story's slug with a marker is told so.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { parseFeed } from '../../src/feeds/parse.js';
import { feedGetter } from '../../src/pipeline/http-adapters.js';
import { pollFeed, type PollDeps } from '../../src/pipeline/poll.js';
import { storeArticle } from '../../src/pipeline/store.js';
import { defaultThresholds } from '../../src/stories/match.js';

const rss = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>http://wire.example/</link>
<item><guid>w-1</guid><link>http://wire.example/1</link><title>PERLE SAYS U.S. SHOULD KEEP PRESSURE ON JAPAN</title>
<slug>BC-PERLE-JAPAN</slug><pubDate>Tue, 10 Mar 1987 10:00:00 GMT</pubDate></item>
<item><guid>w-2</guid><link>http://wire.example/2</link><title>PERLE URGES JAPAN CHIP CURBS</title>
<slug>BC-PERLE-JAPAN 1STLD</slug><pubDate>Tue, 10 Mar 1987 11:00:00 GMT</pubDate></item>
<item><guid>w-3</guid><link>http://wire.example/3</link><title>NO SLUG HERE</title></item>
</channel></rss>`;
const atom = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>1987-03-10T10:00:00Z</updated>
<entry><id>urn:w-1</id><title>DUTCH BUDGET CUTS</title><link href="http://wire.example/a1"/>
<updated>1987-03-10T10:00:00Z</updated><slugline>BC-DUTCH-BUDGET</slugline></entry></feed>`;
const json = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Wire',
  items: [
    { id: 'j-1', url: 'http://wire.example/j1', title: 'GOLD', _wire: { slug: 'BC-GOLD-FIELDS URGENT' } },
    { id: 'j-2', url: 'http://wire.example/j2', title: 'OIL', slug: 'BC-OIL-PRICES' },
  ],
});

let server: Server;
let base: string;
let store: Store;
let deps: PollDeps;

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = req.url === '/wire.rss' ? rss : req.url === '/wire.atom' ? atom : json;
    const type = req.url === '/wire.json' ? 'application/feed+json' : 'application/xml';
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = await openStore('sqlite::memory:');
  await store.migrate();
  const config = loadConfig({ LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(base).host }, 'config/lede.yaml');
  deps = {
    store,
    getFeed: feedGetter(config),
    parseFeed,
    now: () => new Date('1987-03-10T12:00:00Z'),
    schedule: { ...config.feeds, defaultIntervalSeconds: 60, maxBackoffSeconds: 3600 },
  };
});

afterAll(async () => {
  await store.close();
  await new Promise((resolve) => server.close(resolve));
});

async function slugsOf(feed: string) {
  const out = await pollFeed(deps, { id: feed, url: `${base}/${feed}`, interval: 60 }, 'manual');
  expect(out.status).toBe('ok');
  return out.status === 'ok' ? out.jobs.map((j) => j.slug) : [];
}

describe('a feed that carries wire slugs', () => {
  it('puts each item slug on its fetch job: RSS <slug>, Atom <slugline>, JSON Feed field or extension', async () => {
    expect(await slugsOf('wire.rss')).toEqual(['BC-PERLE-JAPAN', 'BC-PERLE-JAPAN 1STLD', undefined]);
    expect(await slugsOf('wire.atom')).toEqual(['BC-DUTCH-BUDGET']);
    expect(await slugsOf('wire.json')).toEqual(['BC-GOLD-FIELDS URGENT', 'BC-OIL-PRICES']);
  });

  it('lets story matching read the version marker of a slugged item', async () => {
    const out = await pollFeed(deps, { id: 'wire.rss', url: `${base}/wire.rss`, interval: 60 }, 'manual');
    if (out.status !== 'ok') throw new Error(out.status);
    const [first, lead] = out.jobs;
    const top =
      'Former Assistant Defense Secretary Richard Perle said the United States should keep up pressure on Japan to open its semiconductor market.';
    // The new lead: a new top paragraph over the first take.
    const text = [
      top,
      `Former Pentagon official Richard Perle urged Washington on Tuesday to keep curbs on Japanese chips until Tokyo opens its market.\n\n${top}`,
    ];
    const stored = [];
    for (const [i, job] of [first, lead].entries()) {
      stored.push(
        await storeArticle(
          store,
          {
            feedId: job.feedId,
            guid: job.guid,
            url: job.url,
            itemKey: job.itemKey,
            slug: job.slug,
            article: {
              title: job.item.title ?? '',
              authors: [],
              bodyText: text[i],
              publishedAt: job.item.publishedAt,
              wordCount: 25,
              credits: [],
              sources: {},
            },
            enrichment: { entities: [], topics: [], keywords: [] },
            fetchedAt: '1987-03-10T12:00:00.000Z',
          },
          { thresholds: defaultThresholds, now: () => new Date('1987-03-10T12:00:00Z') },
        ),
      );
    }
    expect(stored[1].storyId).toBe(stored[0].storyId);
    expect(stored[1].decision.reason).toContain('version of the same slug');
  });
});
