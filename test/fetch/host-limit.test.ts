import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/fetch/host-limit.js';
import { REDIS_URL } from '../support/redis.js';

// Two connections stand in for two worker processes.
let workerA: Redis;
let workerB: Redis;
let prefix: string;

beforeAll(() => {
  workerA = new Redis(REDIS_URL);
  workerB = new Redis(REDIS_URL);
});
afterEach(async () => {
  const keys = await workerA.keys(`${prefix}:*`);
  if (keys.length > 0) await workerA.del(...keys);
});
afterAll(async () => {
  await workerA.quit();
  await workerB.quit();
});

/** Redis's clock in ms, the one the limiter's script reads. */
const redisMs = async (redis: Redis) => {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
};

const limiters = (options: { maxConcurrent: number; ratePerSecond: number; leaseMs?: number }) => {
  prefix = `lede-test-hostlimit-${randomUUID()}`;
  return [new HostLimiter(workerA, { prefix, ...options }), new HostLimiter(workerB, { prefix, ...options })];
};

describe('HostLimiter', () => {
  it('never lets more than maxConcurrent requests run at once across processes', async () => {
    const [a, b] = limiters({ maxConcurrent: 3, ratePerSecond: 1_000 });
    let running = 0;
    let peak = 0;
    let done = 0;
    const worker = async (limiter: HostLimiter) => {
      for (;;) {
        const slot = await limiter.tryAcquire('news.example');
        if (!slot.ok) {
          await sleep(Math.min(slot.retryAfterMs, 5));
          continue;
        }
        running += 1;
        peak = Math.max(peak, running);
        await sleep(15);
        running -= 1;
        await slot.release();
        done += 1;
        return;
      }
    };
    await Promise.all(Array.from({ length: 24 }, (_, i) => worker(i % 2 === 0 ? a : b)));
    expect(done).toBe(24);
    expect(peak).toBe(3);
  });

  it('keeps hosts apart and host names case-insensitive', async () => {
    const [a, b] = limiters({ maxConcurrent: 1, ratePerSecond: 100 });
    expect((await a.tryAcquire('one.example')).ok).toBe(true);
    expect((await b.tryAcquire('ONE.example')).ok).toBe(false);
    expect((await b.tryAcquire('two.example')).ok).toBe(true);
  });

  it('reclaims the lease of a worker that died without releasing it', async () => {
    const [a, b] = limiters({ maxConcurrent: 1, ratePerSecond: 100, leaseMs: 200 });
    expect((await a.tryAcquire('news.example')).ok).toBe(true); // never released
    const refused = await b.tryAcquire('news.example');
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.ok === false && refused.retryAfterMs).toBeLessThanOrEqual(200);
    await sleep(250);
    expect((await b.tryAcquire('news.example')).ok).toBe(true);
  });

  it('frees a slot as soon as it is released', async () => {
    const [a, b] = limiters({ maxConcurrent: 1, ratePerSecond: 100 });
    const slot = await a.tryAcquire('news.example');
    expect(slot.ok).toBe(true);
    if (slot.ok) await slot.release();
    expect((await b.tryAcquire('news.example')).ok).toBe(true);
  });

  it('limits the request rate per host and says how long to wait', async () => {
    const [a, b] = limiters({ maxConcurrent: 100, ratePerSecond: 5 });
    const burstStart = await redisMs(workerA);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).tryAcquire('news.example')),
    );
    // How long the burst took by the limiter's own clock: each refusal's wait is counted from
    // its own moment inside it, so two waits may differ from their turns by up to this much.
    const burstMs = (await redisMs(workerA)) - burstStart;
    const granted = attempts.filter((s) => s.ok).length;
    // The bucket starts full (5 tokens); a slow machine may see one more refill during the burst.
    expect(granted).toBeGreaterThanOrEqual(5);
    expect(granted).toBeLessThanOrEqual(6);
    const waits = attempts.flatMap((s) => (s.ok ? [] : [s.retryAfterMs])).sort((x, y) => x - y);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(200);
    // The refused get turns a token (200 ms) apart, not all the same short wait, so a backlog
    // comes back at the rate the host can be served.
    for (let i = 1; i < waits.length; i++) expect(waits[i] - waits[i - 1]).toBeGreaterThanOrEqual(200 - burstMs);
    expect(waits[waits.length - 1]).toBeGreaterThanOrEqual(200 * (waits.length - 1) - burstMs);
    // Coming back at its turn, a refused request is served.
    await sleep(waits[0] + 20);
    expect((await a.tryAcquire('news.example')).ok).toBe(true);
  });
});
