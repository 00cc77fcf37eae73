// WebSub end to end: a feed advertising a hub gets subscribed, the hub verifies the intent
// against lede's callback, and a signed push makes the new item reach the store at once. The
// feed's poll interval is an hour and no scheduler runs, so only the push explains the poll.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start.js';
import { startApi } from '../../src/api/server.js';
import { WebSubSubscriptions } from '../../src/feeds/websub-store.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { compiledPath } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

interface HubSubscription {
  topic: string;
  callback: string;
  secret: string;
  leaseSeconds: number;
  verified: boolean;
}

/** A minimal hub: accepts subscribe requests, verifies them, and pushes signed content. */
async function startHub() {
  const subscriptions: HubSubscription[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (req.method !== 'POST' || form.get('hub.mode') !== 'subscribe') {
        res.statusCode = 400;
        return res.end();
      }
      const sub: HubSubscription = {
        topic: form.get('hub.topic')!,
        callback: form.get('hub.callback')!,
        secret: form.get('hub.secret')!,
        leaseSeconds: Math.min(Number(form.get('hub.lease_seconds')), 86_400),
        verified: false,
      };
      subscriptions.push(sub);
      res.statusCode = 202;
      res.end();
      // Verification of intent, after answering, as hubs do.
      const challenge = randomBytes(8).toString('hex');
      const url = new URL(sub.callback);
      url.search = new URLSearchParams({
        'hub.mode': 'subscribe',
        'hub.topic': sub.topic,
        'hub.challenge': challenge,
        'hub.lease_seconds': String(sub.leaseSeconds),
      }).toString();
      void fetch(url).then(async (r) => (sub.verified = r.ok && (await r.text()) === challenge));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`,
    subscriptions,
    async publish(sub: HubSubscription, content: string, secret = sub.secret): Promise<number> {
      const signature = createHmac('sha256', secret).update(content).digest('hex');
      const res = await fetch(sub.callback, {
        method: 'POST',
        headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': `sha256=${signature}` },
        body: content,
      });
      return res.status;
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const prefix = uniquePrefix('websub');
const dir = mkdtempSync(join(tmpdir(), 'lede-websub-'));
const [first, second, late] = loadStories().slice(0, 3);
let sim: WireSimulator;
let hub: Awaited<ReturnType<typeof startHub>>;
let publisher: Server;
let feedUrl = '';
let feedGets = 0;
let rt: Runtime;
let workers: RunningWorkers;
let api: Awaited<ReturnType<typeof startApi>>;
let callback = '';

/** Every poll job the queue holds or has run, with what triggered it and its delay. */
const pollJobs = async () =>
  (await rt.queues.queues.poll.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).map((j) => ({
    id: j.id,
    trigger: (j.data as { trigger: string }).trigger,
    delay: j.opts.delay ?? 0,
  }));
const storedTitles = async () => (await rt.store.listArticles({ limit: 50 })).items.map((a) => a.title);
const feedBody = async () => {
  // The simulator's feed, advertising the hub and naming this server as its self URL.
  const xml = await (await fetch(sim.feedUrl('wire'))).text();
  return xml.replace(
    `href="${sim.feedUrl('wire')}" rel="self"`,
    `href="${feedUrl}" rel="self"/><atom:link href="${hub.url}" rel="hub"`,
  );
};

beforeAll(async () => {
  sim = await startWireSimulator({ stories: [first, second], feeds: ['wire'] });
  hub = await startHub();
  publisher = createServer((_req, res) => {
    feedGets += 1;
    void feedBody().then((xml) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml));
  });
  await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}/feed.xml`;

  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(feedsFile, `feeds:\n  - id: pushed\n    url: ${feedUrl}\n    interval: 3600\n`);
  const apiPort = await freePort();
  const config = loadConfig({
    REDIS_URL,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_FEEDS: feedsFile,
    LEDE_REDIS_PREFIX: prefix,
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: [sim.url, feedUrl, hub.url].map((u) => new URL(u).host).join(','),
    LEDE_API_PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    LEDE_EXTRACT_WORKERS: '1',
  });
  rt = await createRuntime(config, createLogger('silent'));
  // No scheduler: the feed is polled once by hand, then only pushes can poll it.
  workers = startWorkers(rt, ['poll', 'fetch', 'enrich', 'store'], {
    extractWorkerEntry: compiledPath('src/extract/pool-worker.ts'),
  });
  api = await startApi(rt, apiPort);
  callback = `http://127.0.0.1:${apiPort}/websub/pushed`;
}, 60_000);

afterAll(async () => {
  await api?.close();
  await workers?.stop();
  await rt?.close();
  await sim?.close();
  for (const server of [hub?.server, publisher]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a feed that advertises a WebSub hub', () => {
  it('is subscribed after its first poll, and the hub verifies the intent', async () => {
    await rt.queues.add('poll', { feedId: 'pushed', trigger: 'manual' });
    const sub = await waitFor('a verified subscription', async () => hub.subscriptions.find((s) => s.verified), 20_000);
    expect(sub).toMatchObject({ topic: feedUrl, callback, leaseSeconds: 86_400 });
    expect(sub.secret.length).toBeGreaterThanOrEqual(32);
    const stored = await new WebSubSubscriptions(rt.connection, prefix).get('pushed');
    expect(stored).toMatchObject({ state: 'active', hubUrl: hub.url, topicUrl: feedUrl, leaseSeconds: 86_400 });
    await waitFor('the first stories stored', async () => (await storedTitles()).length === 2, 60_000);
  }, 90_000);

  it('does not echo a challenge for a topic it did not ask for', async () => {
    const url = new URL(callback);
    url.search = new URLSearchParams({
      'hub.mode': 'subscribe',
      'hub.topic': 'https://elsewhere.example/feed',
      'hub.challenge': 'abc123',
    }).toString();
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('abc123');
    const unknown = await fetch(
      `${callback.replace('/pushed', '/nosuchfeed')}?hub.mode=subscribe&hub.topic=${encodeURIComponent(feedUrl)}&hub.challenge=abc123`,
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses a push whose signature does not match, and does not poll', async () => {
    const sub = hub.subscriptions.find((s) => s.verified)!;
    const before = { gets: feedGets, polls: await pollJobs() };
    expect(await hub.publish(sub, await feedBody(), 'not-the-secret')).toBe(403);
    const unsigned = await fetch(callback, { method: 'POST', body: 'x' });
    expect(unsigned.status).toBe(403);
    // The callback answers a valid push only once its poll job is queued, so after a 403 any
    // poll would already be in the queue.
    expect(await pollJobs()).toEqual(before.polls);
    expect(feedGets).toBe(before.gets);
  });

  it('polls at once on a signed push, and the new item is stored', async () => {
    const sub = hub.subscriptions.find((s) => s.verified)!;
    sim.publish({ ...late, publishedAt: new Date().toISOString() });
    const before = { gets: feedGets, polls: await pollJobs() };
    expect(await hub.publish(sub, await feedBody())).toBe(202);
    // Queued by the push itself, without delay: the hour-long schedule plays no part.
    const pushed = (await pollJobs()).filter((j) => !before.polls.some((b) => b.id === j.id));
    expect(pushed).toEqual([expect.objectContaining({ trigger: 'push', delay: 0 })]);
    await waitFor('the pushed item stored', async () => (await storedTitles()).includes(late.title), 60_000);
    expect(feedGets).toBe(before.gets + 1);
  }, 90_000);
});
