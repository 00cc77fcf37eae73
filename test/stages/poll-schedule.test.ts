// The poll stage's schedule over real HTTP (a local feed server) with SQLite and a fake clock:
// adaptive intervals, RSS skip rules that still hold on a 304, and Retry-After.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { parseFeed } from '../../src/feeds/parse.js';
import type { FeedHints } from '../../src/feeds/schedule.js';
import { feedGetter } from '../../src/pipeline/http-adapters.js';
import { pollFeed, recordValidators, type PollDeps } from '../../src/pipeline/poll.js';

let server: Server;
let base = '';
let store: Store;
let deps: PollDeps;
let now = new Date('2026-01-05T12:00:00Z'); // a Monday
let reply: { status: number; headers?: Record<string, string>; body?: string } = { status: 200 };
const hints = new Map<string, FeedHints>();

/** An RSS feed with items every `gapMinutes` up to `now`, and optional skip rules. */
function rss(gapMinutes: number, extra = ''): string {
  const items = Array.from({ length: 8 }, (_, i) => {
    const at = new Date(now.getTime() - i * gapMinutes * 60_000).toUTCString();
    return `<item><title>Item ${i}</title><link>https://news.example/${gapMinutes}/${i}</link><pubDate>${at}</pubDate></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${extra}${items.join('')}</channel></rss>`;
}
const nextPollIn = async (feedId: string) =>
  (Date.parse((await store.getFeedState(feedId))!.nextPollAt!) - now.getTime()) / 1000;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (reply.status === 200 && req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
    res.writeHead(reply.status, { 'content-type': 'application/rss+xml', ...reply.headers }).end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = await openStore('sqlite::memory:');
  await store.migrate();
  const config = loadConfig({ LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(base).host }, 'config/lede.yaml');
  deps = {
    store,
    getFeed: feedGetter(config),
    parseFeed: (body, opts) => parseFeed(body, opts),
    now: () => now,
    schedule: {
      defaultIntervalSeconds: 300,
      maxBackoffSeconds: 21_600,
      minIntervalSeconds: 60,
      maxIntervalSeconds: 3600,
    },
    hints: { get: async (id) => hints.get(id), put: async (id, h) => void hints.set(id, h) },
  };
});

afterAll(async () => {
  await store.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('an adaptive feed', () => {
  it('is next polled at half the gap between its items', async () => {
    reply = { status: 200, body: rss(10) };
    await pollFeed(deps, { id: 'busy', url: `${base}/busy`, adaptive: true }, 'schedule');
    expect(await nextPollIn('busy')).toBe(300);
    reply = { status: 200, body: rss(600) };
    await pollFeed(deps, { id: 'quiet', url: `${base}/quiet`, adaptive: true }, 'schedule');
    expect(await nextPollIn('quiet')).toBe(3600);
  });

  it('skips scheduler ticks until then, but a push polls at once', async () => {
    now = new Date(now.getTime() + 60_000);
    expect((await pollFeed(deps, { id: 'busy', url: `${base}/busy`, adaptive: true }, 'schedule')).status).toBe(
      'not_due',
    );
    expect((await pollFeed(deps, { id: 'busy', url: `${base}/busy`, adaptive: true }, 'push')).status).toBe('ok');
  });
});

describe('a feed with skipHours', () => {
  const feed = () => ({ id: 'nightly', url: `${base}/nightly`, interval: 600 });

  it('is not polled in the skipped hours, after a 200 and after a 304', async () => {
    now = new Date('2026-01-05T21:55:00Z');
    reply = {
      status: 200,
      headers: { etag: '"v1"' },
      body: rss(60, '<skipHours><hour>22</hour><hour>23</hour></skipHours>'),
    };
    const first = await pollFeed(deps, feed(), 'schedule');
    if (first.status === 'ok') await recordValidators(store, 'nightly', first.validators);
    // 22:05 falls in hour 22: the next poll waits for midnight.
    expect((await store.getFeedState('nightly'))!.nextPollAt).toBe('2026-01-06T00:00:00.000Z');

    now = new Date('2026-01-06T21:52:00Z');
    expect(await pollFeed(deps, feed(), 'schedule')).toEqual({ status: 'not_modified' });
    // The 304 carries no skipHours; the rules of the last document still apply.
    expect((await store.getFeedState('nightly'))!.nextPollAt).toBe('2026-01-07T00:00:00.000Z');
  });
});

describe('a feed answering 429 with Retry-After', () => {
  it('is not polled again before the time it asked for', async () => {
    now = new Date('2026-01-05T12:00:00Z');
    reply = { status: 429, headers: { 'retry-after': '1800' } };
    await expect(pollFeed(deps, { id: 'limited', url: `${base}/limited`, interval: 60 }, 'schedule')).rejects.toThrow(
      /429/,
    );
    expect(await nextPollIn('limited')).toBe(1800);
    now = new Date(now.getTime() + 600_000);
    expect((await pollFeed(deps, { id: 'limited', url: `${base}/limited`, interval: 60 }, 'schedule')).status).toBe(
      'not_due',
    );
  });
});
