// /v1/stream over real HTTP: outbox → relay → Redis stream → Server-Sent Events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, at } from '../storage/fixtures.js';
import { appendEvents, insertStories, startTestApi, type TestApi } from '../api/harness.js';
import { waitFor } from '../support/wait.js';
import { streamKeys } from '../../src/stream/entries.js';
import { startChangeStream, type RunningStream } from '../../src/stream/start.js';
import { openSse, type SseEvent } from './sse-client.js';

describe('the change stream as Server-Sent Events', () => {
  let api: TestApi;
  let stream: RunningStream;
  const url = (query = '') => `${api.base}/v1/stream${query}`;
  const burst = (n: number, offset = 0) =>
    Array.from({ length: n }, (_, i) => ({
      type: 'story.updated' as const,
      storyId: `s-${offset + i}`,
      feedId: 'wire',
      createdAt: at(offset + i),
    }));

  beforeAll(async () => {
    api = await startTestApi('sse', {}, (c) => ({ ...c, stream: { ...c.stream, heartbeatSeconds: 1, pollMs: 20 } }));
    stream = await startChangeStream(api.rt);
  });
  afterAll(async () => {
    await stream?.stop();
    await api?.close();
  });

  it('delivers every event of a 1,000-event burst exactly once, in order, to a client that drops out and resumes with Last-Event-ID', async () => {
    const first: SseEvent[] = [];
    const second: SseEvent[] = [];
    const a = await openSse(url(), {}, { event: (e) => first.push(e) });
    expect(a.status).toBe(200);

    // The burst: 20 transactions of 50 events, committed while the clients read. The second
    // half waits for the first client to drop out, so it surely misses some.
    const seqs: number[] = [];
    let dropped!: () => void;
    const firstGone = new Promise<void>((resolve) => (dropped = resolve));
    const writing = (async () => {
      for (let i = 0; i < 20; i++) {
        if (i === 10) await firstGone;
        seqs.push(...(await appendEvents(api.rt.store, burst(50, i * 50))));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    await waitFor('first client got 300 events', async () => first.length >= 300, 20_000);
    a.close();
    await a.done;
    dropped();
    const lastId = first.at(-1)!.id!;
    expect(first.length).toBeLessThan(1_000);

    const b = await openSse(url(), { 'last-event-id': lastId }, { event: (e) => second.push(e) });
    await writing;
    await waitFor('all events delivered', async () => first.length + second.length >= 1_000, 20_000);
    // One more event after the burst: the stream is in order, so a duplicate arriving late
    // would come before it.
    const [sentinel] = await appendEvents(api.rt.store, burst(1, 1_000));
    await waitFor('the event after the burst', async () => second.some((e) => Number(e.id) === sentinel), 20_000);
    b.close();
    await b.done;

    const received = [...first, ...second].filter((e) => Number(e.id) !== sentinel);
    expect(received.map((e) => Number(e.id))).toEqual(seqs);
    const events = received.map((e) => JSON.parse(e.data));
    expect(events.map((e) => e.seq)).toEqual(seqs);
    expect(received.every((e) => e.event === 'story.updated')).toBe(true);
    expect(events[999].storyId).toBe('s-999');
  }, 60_000);

  it('resumes from ?lastEventId= as well, and from the store when the Redis stream no longer holds the events', async () => {
    const seqs = await appendEvents(api.rt.store, burst(30, 5_000));
    await waitFor(
      'published',
      async () =>
        (await stream.relay.tick()) === 0 && (await api.rt.connection.xlen(streamKeys(api.prefix).events)) > 0,
    );
    // Everything older than the last 5 events is gone from Redis (an exact trim, for the test).
    await api.rt.connection.xtrim(streamKeys(api.prefix).events, 'MAXLEN', 5);

    const got: number[] = [];
    const c = await openSse(url(`?lastEventId=${seqs[0]}`), {}, { event: (e) => got.push(Number(e.id)) });
    await waitFor('caught up', async () => got.length >= 29, 20_000);
    c.close();
    expect(got).toEqual(seqs.slice(1));
  });

  it('sends only the events of the requested feed, topic or entity', async () => {
    const byTopic: string[] = [];
    const byEntity: string[] = [];
    const byFeed: string[] = [];
    const conns = await Promise.all([
      openSse(url('?topic=medtop:15000000'), {}, { event: (e) => byTopic.push(JSON.parse(e.data).articleId) }),
      openSse(url('?entity=Q90'), {}, { event: (e) => byEntity.push(JSON.parse(e.data).articleId) }),
      openSse(url('?feed=sport-feed'), {}, { event: (e) => byFeed.push(JSON.parse(e.data).articleId) }),
    ]);
    await insertStories(api.rt.store, 4, (i) =>
      article(`f-${i}`, {
        feedId: i === 3 ? 'sport-feed' : 'wire',
        createdAt: at(i),
        topics: i % 2 ? [{ code: 'medtop:15000000', label: 'sport', score: 0.8 }] : [],
        entities:
          i === 2
            ? [{ type: 'location', name: 'Paris', mentions: [], count: 1, salience: 0.5, wikidataId: 'Q90' }]
            : [],
      }),
    );
    // Then one story every filter passes: once each client has it, nothing sent before it is
    // still on its way.
    await insertStories(api.rt.store, 1, () =>
      article('f-last', {
        feedId: 'sport-feed',
        createdAt: at(4),
        topics: [{ code: 'medtop:15000000', label: 'sport', score: 0.8 }],
        entities: [{ type: 'location', name: 'Paris', mentions: [], count: 1, salience: 0.5, wikidataId: 'Q90' }],
      }),
    );
    await waitFor(
      'the last story on every filtered client',
      async () => [byTopic, byEntity, byFeed].every((got) => got.includes('f-last')),
      20_000,
    );
    for (const c of conns) c.close();
    expect(byTopic).toEqual(['f-1', 'f-3', 'f-last']);
    expect(byEntity).toEqual(['f-2', 'f-last']);
    expect(byFeed).toEqual(['f-3', 'f-last']);
  });

  it('sends heartbeats to an idle client', async () => {
    const comments: string[] = [];
    const c = await openSse(url(), {}, { comment: (t) => comments.push(t) });
    await waitFor('a heartbeat', async () => comments.includes('heartbeat'), 20_000);
    c.close();
  });

  it('answers 400 for a malformed Last-Event-ID', async () => {
    const res = await fetch(url(), { headers: { 'last-event-id': 'yesterday' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Last-Event-ID/);
  });
});
