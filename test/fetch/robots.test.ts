import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowed, isPathAllowed, parseRobots, type RobotsCache } from '../../src/fetch/robots.js';
import { startServer, type TestServer } from './test-server.js';

const UA = 'lede/0.1 (+https://github.com/lede-news/lede)';

describe('robots.txt rules', () => {
  const robots = parseRobots(`
# everyone
User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$
Disallow:

User-agent: Lede
User-agent: otherbot
Disallow: /drafts
Allow: /drafts/public

User-agent: blocked-bot
Disallow: /
`);

  it('uses the group naming our product token, case-insensitively, instead of *', () => {
    expect(isPathAllowed(robots, '/drafts/x', UA)).toBe(false);
    expect(isPathAllowed(robots, '/private/x', UA)).toBe(true);
    expect(isPathAllowed(robots, '/private/x', 'SomeBot/2.0')).toBe(false);
  });

  it('lets the longest matching rule win, and allow win a tie', () => {
    expect(isPathAllowed(robots, '/drafts/public/story', UA)).toBe(true);
    expect(isPathAllowed(robots, '/private/press/release', 'x')).toBe(true);
    const tie = parseRobots('User-agent: *\nDisallow: /a\nAllow: /a');
    expect(isPathAllowed(tie, '/a', 'x')).toBe(true);
  });

  it('honours * wildcards and the $ end anchor', () => {
    expect(isPathAllowed(robots, '/files/report.pdf', 'x')).toBe(false);
    expect(isPathAllowed(robots, '/files/report.pdf?download=1', 'x')).toBe(true);
  });

  it('matches percent-encoded and non-ASCII paths alike', () => {
    const encoded = parseRobots('User-agent: *\nDisallow: /café');
    expect(isPathAllowed(encoded, new URL('https://x.example/café/menu').pathname, 'x')).toBe(false);
    expect(isPathAllowed(encoded, '/caf%c3%a9/menu', 'x')).toBe(false);
  });

  it('matches many-wildcard patterns quickly (a site cannot stall us)', () => {
    const hostile = parseRobots(`User-agent: *\nDisallow: /${'a*'.repeat(40)}b`);
    // Backtracking matching would take longer than the suite runs on these.
    expect(isPathAllowed(hostile, `/${'a'.repeat(2_000)}`, 'x')).toBe(true);
    expect(isPathAllowed(hostile, `/${'a'.repeat(2_000)}b`, 'x')).toBe(false);
  });

  it('never disallows /robots.txt itself', () => {
    expect(isPathAllowed(parseRobots('User-agent: *\nDisallow: /'), '/robots.txt', 'x')).toBe(true);
  });
});

describe('isAllowed', () => {
  let server: TestServer;
  let robotsStatus = 200;
  let robotsBody = 'User-agent: *\nDisallow: /secret';
  beforeAll(async () => {
    server = await startServer();
    server.route('/robots.txt', (_req, res) => res.writeHead(robotsStatus).end(robotsBody));
  });
  afterAll(() => server.close());

  const options = (cache: RobotsCache, now = Date.now) => ({
    cache,
    now,
    fetchOptions: { userAgent: UA, allowPrivateHosts: [server.host] },
  });
  const robotsFetches = () => server.hits.filter((p) => p === '/robots.txt').length;

  it('fetches robots.txt once per origin and applies it', async () => {
    robotsStatus = 200;
    const cache: RobotsCache = new Map();
    const before = robotsFetches();
    const [open, closed] = await Promise.all([
      isAllowed(`${server.origin}/news/1`, UA, options(cache)),
      isAllowed(`${server.origin}/secret/1`, UA, options(cache)),
    ]);
    expect([open, closed]).toEqual([true, false]);
    expect(robotsFetches() - before).toBe(1);
  });

  it('fetches again once the cached copy expires', async () => {
    robotsStatus = 200;
    const cache: RobotsCache = new Map();
    let now = 1_000_000;
    const before = robotsFetches();
    await isAllowed(`${server.origin}/a`, UA, { ...options(cache, () => now), ttlMs: 1_000 });
    now += 500;
    await isAllowed(`${server.origin}/b`, UA, { ...options(cache, () => now), ttlMs: 1_000 });
    now += 1_000;
    await isAllowed(`${server.origin}/c`, UA, { ...options(cache, () => now), ttlMs: 1_000 });
    expect(robotsFetches() - before).toBe(2);
  });

  it('allows everything when robots.txt is missing (4xx)', async () => {
    robotsStatus = 404;
    expect(await isAllowed(`${server.origin}/secret/1`, UA, options(new Map()))).toBe(true);
  });

  it('disallows everything while robots.txt answers 5xx, then checks again', async () => {
    robotsStatus = 503;
    const cache: RobotsCache = new Map();
    let now = 1_000_000;
    const opts = { ...options(cache, () => now), unreachableTtlMs: 60_000 };
    expect(await isAllowed(`${server.origin}/news/1`, UA, opts)).toBe(false);
    robotsStatus = 200;
    robotsBody = '';
    now += 30_000;
    expect(await isAllowed(`${server.origin}/news/1`, UA, opts)).toBe(false);
    now += 31_000;
    expect(await isAllowed(`${server.origin}/news/1`, UA, opts)).toBe(true);
  });
});
