import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';

let sim: WireSimulator;
const slug = 'kim-jong-un-arrives-in-russia-putin-meeting';
beforeEach(async () => {
  sim = await startWireSimulator();
});
afterEach(() => sim.close());

/** Read at most `cap` bytes of a body, then hang up; returns how many bytes arrived. */
async function readCapped(url: string, cap: number): Promise<number> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.getReader();
  let total = 0;
  while (total < cap) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
  }
  controller.abort();
  return total;
}

describe('when a path has a status fault', () => {
  it('answers that status with Retry-After, and serves normally once the fault is cleared', async () => {
    sim.setFault('/feeds/', { kind: 'status', status: 429, retryAfter: 120 });
    const limited = await fetch(sim.feedUrl('wire'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('120');
    expect((await fetch(sim.articleUrl(slug))).status).toBe(200);
    sim.setFault('/feeds/', null);
    expect((await fetch(sim.feedUrl('wire'))).status).toBe(200);
  });

  it('lets the longest matching prefix win', async () => {
    sim.setFault('/news/', { kind: 'status', status: 503 });
    sim.setFault(`/news/${slug}`, { kind: 'status', status: 500 });
    expect((await fetch(sim.articleUrl(slug))).status).toBe(500);
    expect((await fetch(sim.articleUrl('other'))).status).toBe(503);
  });
});

describe('when a path fails a few times', () => {
  it('answers the status N times, then serves the page', async () => {
    sim.setFault('/news/', { kind: 'once-status', status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(sim.articleUrl(slug))).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
  });
});

describe('when a path times out', () => {
  it('accepts the request and never answers', async () => {
    sim.setFault('/feeds/', { kind: 'timeout' });
    const started = Date.now();
    await expect(fetch(sim.feedUrl('wire'), { signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('when a path resets the connection', () => {
  it('fails the request without a response', async () => {
    sim.setFault('/feeds/', { kind: 'reset' });
    await expect(fetch(sim.feedUrl('wire'))).rejects.toThrow('fetch failed');
  });
});

describe('when a path drips', () => {
  it('delivers the whole body, slowly', async () => {
    sim.setFault('/robots.txt', { kind: 'drip', bytesPerSecond: 50 });
    const started = Date.now();
    const text = await (await fetch(`${sim.url}/robots.txt`)).text();
    expect(text).toBe('User-agent: *\nAllow: /\n');
    // 24 bytes at 5 bytes per 100 ms tick.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});

describe('when a path redirects', () => {
  it('sends the client to the target', async () => {
    sim.setFault('/old/', { kind: 'redirect', to: sim.articleUrl(slug) });
    const res = await fetch(`${sim.url}/old/story`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(sim.articleUrl(slug));
  });

  it('loops between two URLs forever under redirect-loop', async () => {
    sim.setFault('/news/', { kind: 'redirect-loop' });
    const first = await fetch(sim.articleUrl(slug), { redirect: 'manual' });
    const second = await fetch(new URL(first.headers.get('location')!, sim.url), { redirect: 'manual' });
    const third = await fetch(new URL(second.headers.get('location')!, sim.url), { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(third.headers.get('location')).toBe(first.headers.get('location'));
    await expect(fetch(sim.articleUrl(slug))).rejects.toThrow('fetch failed');
  });
});

describe('when a path truncates its body', () => {
  it('announces the full length, sends part of it and hangs up', async () => {
    sim.setFault('/news/', { kind: 'truncated' });
    const res = await fetch(sim.articleUrl(slug));
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(30_000);
    await expect(res.text()).rejects.toThrow();
  });
});

describe('when a path streams endlessly', () => {
  it('keeps sending past any sane size until the client hangs up', async () => {
    sim.setFault('/feeds/', { kind: 'endless' });
    expect(await readCapped(sim.feedUrl('wire'), 2_000_000)).toBeGreaterThanOrEqual(2_000_000);
    // The server is still healthy for everyone else.
    expect((await fetch(sim.articleUrl(slug))).status).toBe(200);
  });
});

describe('stats', () => {
  it('count requests by path and the most in flight at once', async () => {
    sim.setLatency(150);
    await Promise.all(Array.from({ length: 5 }, () => fetch(sim.articleUrl(slug)).then((r) => r.text())));
    await fetch(sim.feedUrl('wire')).then((r) => r.text());
    const stats = sim.stats();
    expect(stats.requests[`/news/${slug}`]).toBe(5);
    expect(stats.requests['/feeds/wire.rss']).toBe(1);
    expect(stats.maxInFlight).toBe(5);
    expect(stats.inFlight).toBe(0);
    sim.resetStats();
    expect(sim.stats()).toEqual({ requests: {}, maxInFlight: 0, inFlight: 0, notModified: 0 });
  });

  it('count a request as in flight until the client hangs up on a hung response', async () => {
    sim.setFault('/feeds/', { kind: 'timeout' });
    const req = request(sim.feedUrl('wire'));
    req.on('error', () => {});
    req.end();
    await expect.poll(() => sim.stats().inFlight).toBe(1);
    req.destroy();
    await expect.poll(() => sim.stats().inFlight).toBe(0);
  });
});
