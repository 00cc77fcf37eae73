// Hostile feeds through the whole pipeline (real Redis, real HTTP, in-process workers): links
// and redirects to private addresses are refused with the reason recorded and no retry, and no
// connection reaches them; a billion-laughs feed and an endless feed fail within the limits,
// show in feed health, and the workers go on to store another feed's stories.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { compiledPath } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const prefix = uniquePrefix('safety');
const dir = mkdtempSync(join(tmpdir(), 'lede-safety-'));
const stories = loadStories().slice(0, 4);
let sim: WireSimulator;
let rt: Runtime;
let workers: RunningWorkers;
let feedHost: Server;
let feedBase = '';
/** Private listeners a refused link points at: any connection to them is a leak. */
const traps: Server[] = [];
let trapConnections = 0;

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `${host}:${(server.address() as AddressInfo).port}`;
}

const rss = (links: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>hostile</title>${links
    .map((link, i) => `<item><title>Item ${i}</title><link>${link}</link><guid>hostile-${i}</guid></item>`)
    .join('')}</channel></rss>`;

let privateLinks: Record<string, string> = {};
// The simulator deals stories, oldest first, round-robin over its feeds: the second oldest goes
// to 'endless', so the redirecting page is not one of the good feed's.
const redirectedSlug = [...stories].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt))[1].slug;

beforeAll(async () => {
  sim = await startWireSimulator({ stories, feeds: ['wire', 'endless'] });
  for (const host of ['127.0.0.2', '127.0.0.1']) {
    const trap = createServer((_req, res) => res.end('secret'));
    trap.on('connection', () => (trapConnections += 1));
    traps.push(trap);
    privateLinks[host] = `http://${await listen(trap, host)}/latest/meta-data/`;
  }
  privateLinks = {
    ...privateLinks,
    '169.254.169.254': 'http://169.254.169.254/latest/meta-data/',
    '10.0.0.1': 'http://10.0.0.1/admin',
    '::1': `http://[::1]:${new URL(privateLinks['127.0.0.1']).port}/secret`,
  };
  // An allowed page that redirects to the metadata service's trap.
  sim.setFault(`/news/${redirectedSlug}`, { kind: 'redirect', to: privateLinks['127.0.0.2'] });

  const billionLaughs = readFileSync(new URL('../../fixtures/feeds/billion-laughs.xml', import.meta.url));
  feedHost = createServer((req, res) => {
    if (req.url === '/hostile.rss')
      return res.end(rss([...Object.values(privateLinks), sim.articleUrl(redirectedSlug)]));
    if (req.url === '/bomb.rss') return res.end(billionLaughs);
    res.statusCode = 404;
    res.end();
  });
  feedBase = `http://${await listen(feedHost, '127.0.0.1')}`;

  const feedsFile = join(dir, 'feeds.yaml');
  const feeds = {
    hostile: `${feedBase}/hostile.rss`,
    bomb: `${feedBase}/bomb.rss`,
    endless: sim.feedUrl('endless'),
    wire: sim.feedUrl('wire'),
  };
  writeFileSync(
    feedsFile,
    `feeds:\n${Object.entries(feeds)
      .map(([id, url]) => `  - id: ${id}\n    url: ${url}\n    interval: 3600\n`)
      .join('')}`,
  );
  sim.setFault('/feeds/endless', { kind: 'endless' });
  const config = loadConfig({
    REDIS_URL,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_FEEDS: feedsFile,
    LEDE_REDIS_PREFIX: prefix,
    // Only the simulator and the test's feed host; the traps share their addresses, not ports.
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: `${new URL(sim.url).host},${new URL(feedBase).host}`,
    LEDE_QUEUE_BACKOFF_MS: '100',
    LEDE_EXTRACT_WORKERS: '1',
  });
  rt = await createRuntime(config, createLogger('silent'));
  workers = startWorkers(rt, ['poll', 'fetch', 'enrich', 'store'], {
    extractWorkerEntry: compiledPath('src/extract/pool-worker.ts'),
  });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await rt?.close();
  await sim?.close();
  for (const server of [feedHost, ...traps]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a feed linking to private addresses', () => {
  let failed: Job[] = [];

  beforeAll(async () => {
    await rt.queues.add('poll', { feedId: 'hostile', trigger: 'manual' });
    const expected = Object.keys(privateLinks).length + 1;
    failed = await waitFor(
      'every hostile item refused',
      async () => {
        const jobs = await rt.queues.queues.fetch.getJobs(['failed']);
        return jobs.length === expected && jobs;
      },
      90_000,
    );
  }, 120_000);

  it.each(['169.254.169.254', '10.0.0.1', '::1', '127.0.0.1', '127.0.0.2'])(
    'refuses the link to %s, naming the address, without retrying',
    (address) => {
      const job = failed.find((j) => j.data.url === privateLinks[address]);
      expect(job, `a failed job for ${privateLinks[address]}`).toBeDefined();
      expect(job!.failedReason).toContain(`private address ${address}`);
      expect(job!.attemptsMade).toBe(1);
    },
  );

  it('refuses a redirect from an allowed page to a private address', () => {
    const job = failed.find((j) => j.data.url === sim.articleUrl(redirectedSlug));
    expect(job!.failedReason).toContain('private address 127.0.0.2');
    expect(job!.attemptsMade).toBe(1);
    expect(sim.stats().requests[`/news/${redirectedSlug}`]).toBe(1);
  });

  it('never connects to the private listeners', () => {
    expect(trapConnections).toBe(0);
  });
});

describe('feeds that try to exhaust the poller', () => {
  it('rejects billion laughs and an endless response, records why in feed health, and goes on to the next feed', async () => {
    await rt.queues.add('poll', { feedId: 'bomb', trigger: 'manual' });
    await rt.queues.add('poll', { feedId: 'endless', trigger: 'manual' });
    await rt.queues.add('poll', { feedId: 'wire', trigger: 'manual' });

    const health = await waitFor(
      'both bad feeds recorded',
      async () => {
        const [bomb, endless] = await Promise.all([rt.store.getFeedState('bomb'), rt.store.getFeedState('endless')]);
        return bomb?.lastError !== undefined && endless?.lastError !== undefined && { bomb, endless };
      },
      90_000,
    );
    expect(health.bomb.lastError).toMatch(/entity declarations are not allowed/);
    expect(health.endless.lastError).toMatch(/exceeds .*limit|too large/i);
    expect(health.bomb.errorStreak).toBe(1);

    const stored = await waitFor(
      'the good feed stored',
      async () => {
        const page = await rt.store.listArticles({ limit: 50, feedId: 'wire' });
        return page.items.length >= 2 && page.items;
      },
      60_000,
    );
    expect(stored.length).toBe(2);
    // Failed polls are permanent for this job; the feed's schedule (backoff) retries it later.
    const polls = await rt.queues.queues.poll.getJobs(['failed']);
    expect(polls.map((j) => j.data.feedId).sort()).toEqual(['bomb', 'endless']);
    expect(polls.every((j) => j.attemptsMade === 1)).toBe(true);
  }, 180_000);
});
