// WebSub subscriber rules: when to (re)subscribe, which verification requests to confirm, and
// which pushes to believe.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  answerIntent,
  callbackUrl,
  needsSubscribe,
  pendingSubscription,
  signatureMatches,
  subscribeForm,
  type Subscription,
} from '../../src/feeds/websub.js';
import { ensureSubscribed, type WebSubDeps } from '../../src/feeds/websub-client.js';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from '../../src/fetch/address-guard.js';
import { startServer } from '../fetch/test-server.js';

const now = new Date('2026-01-05T12:00:00Z');
const hub = { hubUrl: 'https://hub.example/', topicUrl: 'https://news.example/feed.xml' };
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const sub = (over: Partial<Subscription> = {}): Subscription => ({
  feedId: 'news',
  ...hub,
  callbackUrl: 'https://lede.example/websub/news',
  secret: 's3cret',
  state: 'active',
  requestedAt: hoursAgo(1),
  leaseSeconds: 86_400,
  expiresAt: new Date(now.getTime() + 20 * 3_600_000).toISOString(),
  ...over,
});

describe('when to subscribe', () => {
  it('subscribes a feed that has no subscription', () => {
    expect(needsSubscribe(undefined, hub, now)).toBe(true);
  });

  it('leaves a lease with more than half its time alone, and renews one past half', () => {
    expect(needsSubscribe(sub(), hub, now)).toBe(false);
    expect(needsSubscribe(sub({ expiresAt: new Date(now.getTime() + 11 * 3_600_000).toISOString() }), hub, now)).toBe(
      true,
    );
  });

  it('renews an expired lease', () => {
    expect(needsSubscribe(sub({ expiresAt: hoursAgo(1) }), hub, now)).toBe(true);
  });

  it('subscribes again when the feed moves to another hub', () => {
    expect(needsSubscribe(sub(), { ...hub, hubUrl: 'https://other-hub.example/' }, now)).toBe(true);
  });

  it('waits for a pending verification, but not forever', () => {
    expect(needsSubscribe(sub({ state: 'pending', requestedAt: hoursAgo(0.5) }), hub, now)).toBe(false);
    expect(needsSubscribe(sub({ state: 'pending', requestedAt: hoursAgo(2) }), hub, now)).toBe(true);
  });

  it('asks again hours after a refusal, not on every poll', () => {
    expect(needsSubscribe(sub({ state: 'failed', requestedAt: hoursAgo(1) }), hub, now)).toBe(false);
    expect(needsSubscribe(sub({ state: 'failed', requestedAt: hoursAgo(7) }), hub, now)).toBe(true);
  });

  it('keeps the secret and keeps accepting pushes while renewing at the same hub', () => {
    const renewed = pendingSubscription(sub(), 'news', hub, 'https://lede.example/', now);
    expect(renewed).toMatchObject({
      secret: 's3cret',
      state: 'active',
      requestedAt: now.toISOString(),
      callbackUrl: 'https://lede.example/websub/news',
    });
    const moved = pendingSubscription(
      sub(),
      'news',
      { ...hub, hubUrl: 'https://other-hub.example/' },
      'https://lede.example',
      now,
    );
    expect(moved.state).toBe('pending');
    expect(moved.secret).not.toBe('s3cret');
    expect(moved.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('sends the topic, callback, secret and lease in the subscribe form', () => {
    expect(Object.fromEntries(subscribeForm(sub(), 864_000))).toEqual({
      'hub.mode': 'subscribe',
      'hub.topic': hub.topicUrl,
      'hub.callback': 'https://lede.example/websub/news',
      'hub.secret': 's3cret',
      'hub.lease_seconds': '864000',
    });
    expect(callbackUrl('https://lede.example/base/', 'a b')).toBe('https://lede.example/base/websub/a%20b');
  });
});

describe('verification of intent', () => {
  const verify = (
    query: Record<string, string>,
    s: Subscription | undefined = sub({ state: 'pending' }),
    wanted = true,
  ) => answerIntent(s, { 'hub.topic': hub.topicUrl, 'hub.challenge': 'ch4llenge', ...query }, wanted, now, 864_000);

  it('echoes the challenge for the pending subscription and records the granted lease', () => {
    const answer = verify({ 'hub.mode': 'subscribe', 'hub.lease_seconds': '3600' });
    expect(answer).toMatchObject({
      confirm: true,
      challenge: 'ch4llenge',
      subscription: { state: 'active', leaseSeconds: 3600, expiresAt: '2026-01-05T13:00:00.000Z' },
    });
  });

  it('assumes the lease it asked for when the hub names none', () => {
    expect(verify({ 'hub.mode': 'subscribe' })).toMatchObject({
      confirm: true,
      subscription: { leaseSeconds: 864_000 },
    });
  });

  it('refuses a topic it did not subscribe to, or a feed it holds nothing for', () => {
    expect(verify({ 'hub.mode': 'subscribe', 'hub.topic': 'https://evil.example/' })).toMatchObject({
      confirm: false,
      status: 404,
    });
    const none = answerIntent(
      undefined,
      { 'hub.mode': 'subscribe', 'hub.topic': hub.topicUrl, 'hub.challenge': 'c' },
      true,
      now,
      864_000,
    );
    expect(none).toMatchObject({ confirm: false, status: 404 });
  });

  it('refuses to subscribe a feed no longer in the feed list, and confirms unsubscribing it', () => {
    expect(verify({ 'hub.mode': 'subscribe' }, sub(), false)).toMatchObject({ confirm: false, status: 404 });
    expect(verify({ 'hub.mode': 'unsubscribe' }, sub(), false)).toEqual({ confirm: true, challenge: 'ch4llenge' });
    expect(verify({ 'hub.mode': 'unsubscribe' }, sub(), true)).toMatchObject({ confirm: false, status: 404 });
  });

  it('records a denial with the hub’s reason', () => {
    const answer = verify({ 'hub.mode': 'denied', 'hub.reason': 'topic not found' });
    expect(answer).toMatchObject({
      confirm: false,
      status: 200,
      subscription: { state: 'failed', reason: 'denied: topic not found' },
    });
  });
});

describe('push signatures', () => {
  const body = Buffer.from('<rss>new item</rss>');
  const sign = (algo: string, secret = 's3cret', b = body) =>
    `${algo}=${createHmac(algo, secret).update(b).digest('hex')}`;

  it('accepts sha1 and sha256 signatures made with the secret', () => {
    expect(signatureMatches(sign('sha1'), body, 's3cret')).toBe(true);
    expect(signatureMatches(sign('sha256'), body, 's3cret')).toBe(true);
  });

  it('rejects a wrong secret, a changed body, a missing or malformed header', () => {
    expect(signatureMatches(sign('sha256', 'guess'), body, 's3cret')).toBe(false);
    expect(signatureMatches(sign('sha256', 's3cret', Buffer.from('<rss>forged</rss>')), body, 's3cret')).toBe(false);
    expect(signatureMatches(undefined, body, 's3cret')).toBe(false);
    expect(signatureMatches('sha256=zz', body, 's3cret')).toBe(false);
    expect(signatureMatches('md5=00', body, 's3cret')).toBe(false);
  });
});

describe('subscribing to a hub at a private address', () => {
  it('refuses to send the request and records why', async () => {
    const saved = new Map<string, Subscription>();
    const result = await ensureSubscribed(
      {
        subscriptions: { get: async (id) => saved.get(id), put: async (id, s) => void saved.set(id, s) },
        publicUrl: 'https://lede.example',
        leaseSeconds: 864_000,
        allowPrivateHosts: [],
        userAgent: 'lede-test',
        timeoutMs: 2_000,
        now: () => now,
      },
      'news',
      { hubUrl: 'http://169.254.169.254/hub', topicUrl: hub.topicUrl },
    );
    expect(result.outcome).toBe('failed');
    expect(result.reason).toContain('private address 169.254.169.254');
    expect(saved.get('news')).toMatchObject({ state: 'failed' });
  });
});

describe('subscribing to a hub whose name rebinds to 127.0.0.1', () => {
  it('refuses the connection at connect time: the local service receives no POST and no secret', async () => {
    const local = await startServer();
    local.route('/hub', (_req, res) => res.writeHead(202).end());
    try {
      let calls = 0;
      // Public for the check before the request, loopback when the socket resolves it.
      const rebinding = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) => {
        calls += 1;
        callback(null, [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
      }) as unknown as LookupFunction;
      const saved = new Map<string, Subscription>();
      const deps: WebSubDeps = {
        subscriptions: { get: async (id) => saved.get(id), put: async (id, s) => void saved.set(id, s) },
        publicUrl: 'https://lede.example',
        leaseSeconds: 864_000,
        allowPrivateHosts: [],
        userAgent: 'lede-test',
        timeoutMs: 5_000,
        now: () => now,
        lookup: rebinding,
      };
      const result = await ensureSubscribed(deps, 'news', {
        hubUrl: `http://rebind.test:${local.port}/hub`,
        topicUrl: hub.topicUrl,
      });
      expect(result.outcome).toBe('failed');
      expect(result.reason).toContain('private address 127.0.0.1');
      expect(calls).toBe(2);
      expect(local.hits).toEqual([]);
      expect(saved.get('news')).toMatchObject({ state: 'failed' });
    } finally {
      await local.close();
    }
  });

  it('does not follow a hub redirect with the subscribe POST', async () => {
    const local = await startServer();
    local.route('/hub', (_req, res) => res.writeHead(307, { location: '/elsewhere' }).end());
    local.route('/elsewhere', (_req, res) => res.writeHead(202).end());
    try {
      const saved = new Map<string, Subscription>();
      const result = await ensureSubscribed(
        {
          subscriptions: { get: async (id) => saved.get(id), put: async (id, s) => void saved.set(id, s) },
          publicUrl: 'https://lede.example',
          leaseSeconds: 864_000,
          allowPrivateHosts: [local.host],
          userAgent: 'lede-test',
          timeoutMs: 5_000,
          now: () => now,
        },
        'news',
        { hubUrl: `${local.origin}/hub`, topicUrl: hub.topicUrl },
      );
      expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('hub answered 307') });
      expect(local.hits).toEqual(['/hub']);
    } finally {
      await local.close();
    }
  });
});
