// Webhooks over real HTTP: signed POSTs, retries with backoff, dead letters and their replay.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, at } from '../storage/fixtures.js';
import { insertStories } from '../api/harness.js';
import { waitFor } from '../support/wait.js';
import { OutboxRelay } from '../../src/stream/relay.js';
import {
  listDeadLetters,
  replayDeadLetters,
  WEBHOOK_QUEUE,
  Webhooks,
  type WebhookJob,
  type WebhookOptions,
  type WebhookSubscriber,
} from '../../src/stream/webhooks.js';
import { streamFixture, type StreamFixture } from './support.js';

interface Delivery {
  body: string;
  signature: string;
  deliveryId: string;
}

/** A receiver that answers `status(attempt)` (with `headers`) and records what it was sent. */
async function receiver(status: (attempt: number) => number, headers: Record<string, string> = {}) {
  const attempts: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req
      .on('data', (c) => (body += c))
      .on('end', () => {
        attempts.push({
          body,
          signature: String(req.headers['x-lede-signature']),
          deliveryId: String(req.headers['x-lede-delivery']),
        });
        res.writeHead(status(attempts.length), headers).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    attempts,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise((r) => server.close(r)),
  };
}

const sign = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhooks', () => {
  const options: WebhookOptions = { attempts: 5, backoffMs: 20, timeoutMs: 2_000, claimIdleMs: 5_000 };
  let f: StreamFixture;
  let relay: OutboxRelay;
  let webhooks: Webhooks;
  let flaky: Awaited<ReturnType<typeof receiver>>;
  let down: Awaited<ReturnType<typeof receiver>>;
  let downIsUp = false;
  const subscribers: WebhookSubscriber[] = [];
  let deliveries: Queue<WebhookJob>;

  beforeAll(async () => {
    f = await streamFixture('webhooks');
    flaky = await receiver((n) => (n <= 3 ? 503 : 200));
    down = await receiver(() => (downIsUp ? 204 : 500));
    options.allowPrivateHosts = [new URL(flaky.url).host, new URL(down.url).host];
    subscribers.push(
      { id: 'flaky', url: flaky.url, secret: 'flaky-secret-0123456789', filters: { topic: 'medtop:11000000' } },
      { id: 'down', url: down.url, secret: 'down-secret-0123456789ab', filters: { feed: 'wire' } },
    );
    webhooks = new Webhooks({
      connection: f.connect(),
      prefix: f.prefix,
      keys: f.keys,
      store: f.store,
      subscribers,
      options,
    });
    await webhooks.start();
    deliveries = new Queue<WebhookJob>(WEBHOOK_QUEUE, { connection: f.connect(), prefix: f.prefix });
    relay = new OutboxRelay(f.redis, f.store, f.keys, { maxLen: 1_000, maxAgeSeconds: 3_600, pollMs: 20 });
    relay.start();
    await insertStories(f.store, 2, (i) =>
      article(`w-${i}`, {
        feedId: i ? 'other' : 'wire',
        createdAt: at(i),
        topics: i ? [{ code: 'medtop:11000000', label: 'politics', score: 1 }] : [],
      }),
    );
  });
  afterAll(async () => {
    await relay?.stop();
    await deliveries?.close();
    await webhooks?.stop();
    await flaky?.close();
    await down?.close();
    await f?.close();
  });

  it('delivers to a receiver that fails 3 times on the 4th try, signed with its secret', async () => {
    // Completed is final: once the job says so, no further attempt can follow.
    await waitFor(
      'the delivery to flaky completed',
      async () => (await deliveries.getJobs(['completed'])).some((j) => j.data.subscriberId === 'flaky'),
      20_000,
    );
    expect(flaky.attempts).toHaveLength(4);
    const bodies = new Set(flaky.attempts.map((a) => a.body));
    expect(bodies.size).toBe(1); // the same event each time: only w-1 has the topic
    const last = flaky.attempts[3];
    expect(last.signature).toBe(sign(last.body, 'flaky-secret-0123456789'));
    expect(last.signature).not.toBe(sign(last.body, 'down-secret-0123456789ab'));
    expect(JSON.parse(last.body)).toMatchObject({ type: 'story.created', articleId: 'w-1', storyId: 's-w-1' });
    expect(new Set(flaky.attempts.map((a) => a.deliveryId)).size).toBe(1);
    expect(await listDeadLetters(f.redis, f.prefix, 'flaky')).toEqual([]);
  });

  it('puts a delivery that always fails on the dead-letter list, and replays it from there', async () => {
    const letters = await waitFor(
      'a dead letter',
      async () => {
        const l = await listDeadLetters(f.redis, f.prefix, 'down');
        return l.length > 0 && l;
      },
      10_000,
    );
    expect(down.attempts).toHaveLength(options.attempts);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      subscriberId: 'down',
      attempts: 5,
      event: { articleId: 'w-0', feedId: 'wire' },
    });
    expect(letters[0].error).toMatch(/answered 500/);

    downIsUp = true;
    expect(await replayDeadLetters({ redis: f.redis, prefix: f.prefix, options }, 'down')).toBe(1);
    await waitFor('the replayed delivery', async () => down.attempts.length > options.attempts, 5_000);
    const delivered = down.attempts.at(-1)!;
    expect(JSON.parse(delivered.body)).toMatchObject({ articleId: 'w-0' });
    expect(delivered.signature).toBe(sign(delivered.body, 'down-secret-0123456789ab'));
    expect(await listDeadLetters(f.redis, f.prefix, 'down')).toEqual([]);
  });
});

describe('webhook receivers on private addresses', () => {
  const options: WebhookOptions = { attempts: 2, backoffMs: 20, timeoutMs: 2_000, claimIdleMs: 5_000 };
  let f: StreamFixture;
  let relay: OutboxRelay | undefined;
  let webhooks: Webhooks | undefined;
  let second: Awaited<ReturnType<typeof receiver>>;
  let bouncing: Awaited<ReturnType<typeof receiver>>;
  let unlisted: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    f = await streamFixture('webhooks-private');
    second = await receiver(() => 204);
    bouncing = await receiver(() => 307, { location: second.url });
    unlisted = await receiver(() => 204);
    // Only the bouncing receiver is allowed; the second port it redirects to is not, and a
    // redirect is not followed anyway.
    webhooks = new Webhooks({
      connection: f.connect(),
      prefix: f.prefix,
      keys: f.keys,
      store: f.store,
      subscribers: [
        { id: 'bounce', url: bouncing.url, secret: 'bounce-secret-0123456789' },
        { id: 'unlisted', url: unlisted.url, secret: 'unlisted-secret-0123456789' },
      ].map((s) => ({ ...s, filters: {} })),
      options: { ...options, allowPrivateHosts: [new URL(bouncing.url).host] },
    });
    await webhooks.start();
    relay = new OutboxRelay(f.redis, f.store, f.keys, { maxLen: 1_000, maxAgeSeconds: 3_600, pollMs: 20 });
    relay.start();
    await insertStories(f.store, 1, (i) => article(`p-${i}`, { createdAt: at(i) }));
  });
  afterAll(async () => {
    await relay?.stop();
    await webhooks?.stop();
    await Promise.all([second?.close(), bouncing?.close(), unlisted?.close()]);
    await f?.close();
  });

  it('does not follow a 307 to another local port: the delivery fails and the second port sees nothing', async () => {
    const [letter] = await waitFor(
      'the bounced delivery dead-lettered',
      async () => {
        const l = await listDeadLetters(f.redis, f.prefix, 'bounce');
        return l.length > 0 && l;
      },
      10_000,
    );
    expect(letter.error).toMatch(/answered 307/);
    expect(bouncing.attempts).toHaveLength(options.attempts);
    expect(second.attempts).toEqual([]);
  });

  it('refuses a receiver on a private address that is not in webhookAllowPrivateHosts', async () => {
    const [letter] = await waitFor(
      'the unlisted delivery dead-lettered',
      async () => {
        const l = await listDeadLetters(f.redis, f.prefix, 'unlisted');
        return l.length > 0 && l;
      },
      10_000,
    );
    expect(letter.error).toMatch(/private address 127\.0\.0\.1/);
    expect(unlisted.attempts).toEqual([]);
  });
});
