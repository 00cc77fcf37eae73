// Reading the change stream through a Redis consumer group: at-least-once, and a crashed
// consumer's unacknowledged events go to another consumer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '../storage/fixtures.js';
import { appendEvents } from '../api/harness.js';
import { ensureGroup, GroupConsumer } from '../../src/stream/consumer.js';
import { OutboxRelay } from '../../src/stream/relay.js';
import { streamFixture, type StreamFixture } from './support.js';

describe('a consumer group on the change stream', () => {
  let f: StreamFixture;
  let seqs: number[];

  beforeEach(async () => {
    f = await streamFixture('group');
    await ensureGroup(f.redis, f.keys.events, 'indexer');
    seqs = await appendEvents(
      f.store,
      Array.from({ length: 10 }, (_, i) => ({ type: 'story.created' as const, storyId: `s-${i}`, createdAt: at(i) })),
    );
    await new OutboxRelay(f.redis, f.store, f.keys, { maxLen: 1_000, maxAgeSeconds: 3_600, pollMs: 20 }).tick();
  });
  afterEach(() => f.close());

  it('redelivers the events a consumer read but never acknowledged to another consumer after it crashes', async () => {
    const crashing = f.connect();
    const a = new GroupConsumer(crashing, f.keys.events, 'indexer', 'a');
    const taken = await a.read(4, 100);
    expect(taken.map((e) => e.event.seq)).toEqual(seqs.slice(0, 4));
    await a.ack([taken[0].id]); // acknowledged one, then crashed mid-batch
    crashing.disconnect();

    const b = new GroupConsumer(f.connect(), f.keys.events, 'indexer', 'b');
    expect(await b.claimStale(60_000)).toEqual([]); // not idle long enough yet
    await new Promise((r) => setTimeout(r, 80));
    const reclaimed = await b.claimStale(50);
    expect(reclaimed.map((e) => e.event.seq)).toEqual(seqs.slice(1, 4));
    const rest = await b.read(100, 100);
    expect(rest.map((e) => e.event.seq)).toEqual(seqs.slice(4));
    await b.ack([...reclaimed, ...rest].map((e) => e.id));

    const [pending] = (await f.redis.xpending(f.keys.events, 'indexer')) as [number];
    expect(pending).toBe(0);
  });

  it('splits new events between live consumers, each event to one of them', async () => {
    const one = new GroupConsumer(f.connect(), f.keys.events, 'indexer', 'one');
    const two = new GroupConsumer(f.connect(), f.keys.events, 'indexer', 'two');
    const [x, y] = [await one.read(6, 100), await two.read(6, 100)];
    expect([...x, ...y].map((e) => e.event.seq)).toEqual(seqs);
    expect(x).toHaveLength(6);
  });

  it('leaves a second group its own copy of every event', async () => {
    await ensureGroup(f.redis, f.keys.events, 'archiver', '0');
    const got = await new GroupConsumer(f.connect(), f.keys.events, 'archiver', 'z').read(100, 100);
    expect(got.map((e) => e.event.seq)).toEqual(seqs);
  });
});
