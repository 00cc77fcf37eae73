// The outbox relay: store events → Redis stream, in order, once, by one relay at a time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '../storage/fixtures.js';
import { appendEvents } from '../api/harness.js';
import { decodeEntry, type RawEntry } from '../../src/stream/entries.js';
import { OutboxRelay, type RelayOptions } from '../../src/stream/relay.js';
import { streamFixture, type StreamFixture } from './support.js';

// A lock long enough that no pause of a busy machine lets it lapse between two ticks of a test.
const options: RelayOptions = { maxLen: 100_000, maxAgeSeconds: 3_600, pollMs: 20, lockTtlMs: 2_000 };
const events = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'story.created' as const,
    storyId: `s-${from + i}`,
    articleId: `a-${from + i}`,
    version: 1,
    feedId: 'wire',
    createdAt: at(from + i),
  }));

describe('the outbox relay', () => {
  let f: StreamFixture;
  const entries = async () => ((await f.redis.xrange(f.keys.events, '-', '+')) as RawEntry[]).map(decodeEntry);
  const relay = (opts: Partial<RelayOptions> = {}) =>
    new OutboxRelay(f.redis, f.store, f.keys, { ...options, ...opts });

  beforeEach(async () => {
    f = await streamFixture('relay');
  });
  afterEach(() => f.close());

  it('publishes each outbox event as stream entry <seq>-0, in order', async () => {
    const seqs = await appendEvents(f.store, events(5));
    expect(await relay().tick()).toBe(5);
    const published = await entries();
    expect(published.map((e) => e.id)).toEqual(seqs.map((s) => `${s}-0`));
    expect(published.map((e) => e.event.storyId)).toEqual(['s-0', 's-1', 's-2', 's-3', 's-4']);
    expect(published[0].event).toMatchObject({ seq: seqs[0], type: 'story.created', articleId: 'a-0', feedId: 'wire' });
  });

  it('resumes after a restart from the position it kept in Redis', async () => {
    const first = relay();
    await appendEvents(f.store, events(5));
    await first.tick();
    await first.stop();
    await appendEvents(f.store, events(3, 5));
    expect(await relay().tick()).toBe(3);
    expect((await entries()).map((e) => e.event.storyId)).toEqual([
      's-0',
      's-1',
      's-2',
      's-3',
      's-4',
      's-5',
      's-6',
      's-7',
    ]);
  });

  it('never publishes an event twice, even when its position was lost', async () => {
    const r = relay();
    await appendEvents(f.store, events(4));
    await r.tick();
    // As if the relay died between its XADDs and recording the position.
    await f.redis.del(f.keys.relayPosition);
    await appendEvents(f.store, events(1, 4));
    expect(await r.tick()).toBe(1);
    expect(await f.redis.xlen(f.keys.events)).toBe(5);
  });

  it('lets only the lock holder publish, and another take over when it stops or dies', async () => {
    const a = relay();
    const b = relay();
    await appendEvents(f.store, events(2));
    expect(await a.tick()).toBe(2);
    await appendEvents(f.store, events(2, 2));
    expect(await b.tick()).toBe(0);
    expect(await a.tick()).toBe(2);

    await a.stop(); // frees the lock at once
    await appendEvents(f.store, events(1, 4));
    expect(await b.tick()).toBe(1);

    // b "dies" holding the lock: c waits for the expiry, then publishes.
    const c = relay();
    await appendEvents(f.store, events(1, 5));
    expect(await c.tick()).toBe(0);
    await new Promise((r) => setTimeout(r, options.lockTtlMs! + 50));
    expect(await c.tick()).toBe(1);
    expect(await f.redis.xlen(f.keys.events)).toBe(6);
  });

  it('publishes a backlog larger than one batch', async () => {
    await appendEvents(f.store, events(1_200));
    expect(await relay({ batchSize: 500 }).tick()).toBe(1_200);
    expect(await f.redis.xlen(f.keys.events)).toBe(1_200);
  });

  it('trims the stream by length and by age, approximately', async () => {
    await appendEvents(f.store, events(1_000));
    const byLength = relay({ maxLen: 200 });
    await byLength.tick(1_000_000);
    await byLength.stop();
    const len = await f.redis.xlen(f.keys.events);
    expect(len).toBeGreaterThanOrEqual(200);
    expect(len).toBeLessThan(400);

    // 600 newer events published an hour later; the older ones age out.
    const r = relay({ maxAgeSeconds: 1_800 });
    const newer = await appendEvents(f.store, events(600, 1_000));
    await r.tick(1_000_000 + 3_600_000);
    const left = await entries();
    expect(left.length).toBeLessThan(len + 600);
    expect(left.length).toBeGreaterThanOrEqual(600);
    expect(left.at(-1)!.event.seq).toBe(newer.at(-1));
    expect(left.filter((e) => e.publishedAt === 1_000_000).length).toBeLessThan(100);
  });
});
