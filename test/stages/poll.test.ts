// The poll stage against the wire simulator over real HTTP, with SQLite for feed state and a
// fake clock (a clock is the one thing we fake).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { parseFeed } from '../../src/feeds/parse.js';
import { feedHealth } from '../../src/feeds/health.js';
import { feedGetter } from '../../src/pipeline/http-adapters.js';
import { pollFeed, recordProgress, recordValidators, type PollDeps } from '../../src/pipeline/poll.js';
import type { FeedHints } from '../../src/feeds/schedule.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';

let sim: WireSimulator;
let store: Store;
let now = new Date('2026-01-05T12:00:00Z');
let deps: PollDeps;
let parses = 0;
const feed = () => ({ id: 'wire', url: sim.feedUrl('wire'), interval: 60 });
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

beforeAll(async () => {
  sim = await startWireSimulator({ stories: loadStories().slice(0, 4), feeds: ['wire'] });
  store = await openStore('sqlite::memory:');
  await store.migrate();
  const config = loadConfig({ LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(sim.url).host }, 'config/lede.yaml');
  deps = {
    store,
    getFeed: feedGetter(config),
    parseFeed: async (body, opts) => {
      parses += 1;
      return parseFeed(body, opts);
    },
    now: () => now,
    schedule: { ...config.feeds, defaultIntervalSeconds: 60, maxBackoffSeconds: 6 * 3600 },
  };
});

afterAll(async () => {
  await store.close();
  await sim.close();
});

describe('polling a feed', () => {
  it('turns each item into a fetch job with a deterministic id', async () => {
    const out = await pollFeed(deps, feed(), 'schedule');
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.jobs).toHaveLength(4);
    expect(new Set(out.jobs.map((j) => j.itemKey)).size).toBe(4);
    // The process died before the items were queued: the validators were not recorded, so
    // the next poll gets the whole feed again, not a 304 that would strand the items.
    const retried = await pollFeed(deps, feed(), 'manual');
    expect(retried.status).toBe('ok');
    if (retried.status !== 'ok') return;
    expect(retried.jobs.map((j) => j.itemKey)).toEqual(out.jobs.map((j) => j.itemKey));
    // Once they are queued, the feed is asked "changed since?" and answers 304.
    await recordValidators(store, 'wire', retried.validators);
    const again = await pollFeed(deps, feed(), 'manual');
    expect(again.status).toBe('not_modified');
  });

  describe('when the feed is unchanged', () => {
    it('sends the validators, gets 304, and parses and enqueues nothing', async () => {
      advance(120);
      const parsesBefore = parses;
      const notModifiedBefore = sim.stats().notModified;
      const out = await pollFeed(deps, feed(), 'schedule');
      expect(out).toEqual({ status: 'not_modified' });
      expect(sim.stats().notModified).toBe(notModifiedBefore + 1);
      expect(parses).toBe(parsesBefore);
    });
  });

  describe('when the feed answers 500', () => {
    it('backs off at growing intervals, reads as failing, and recovers after a success', async () => {
      sim.setFault('/feeds/wire', { kind: 'status', status: 500 });
      const gaps: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const state = await store.getFeedState('wire');
        if (state?.nextPollAt) now = new Date(Math.max(now.getTime(), Date.parse(state.nextPollAt)));
        await expect(pollFeed(deps, feed(), 'schedule')).rejects.toThrow(/poll: feed wire: .*500/);
        const after = await store.getFeedState('wire');
        gaps.push(Date.parse(after!.nextPollAt!) - now.getTime());
        // A scheduler tick before the backoff ends does not poll.
        advance(1);
        expect((await pollFeed(deps, feed(), 'schedule')).status).toBe('not_due');
      }
      for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
      const failing = feedHealth(await store.getFeedState('wire'), now);
      expect(failing.state).toBe('failing');
      expect(failing.errorStreak).toBe(5);
      expect(failing.lastError).toMatch(/500/);

      sim.setFault('/feeds/wire', null);
      now = new Date(Date.parse((await store.getFeedState('wire'))!.nextPollAt!) + 1000);
      const out = await pollFeed(deps, feed(), 'schedule');
      expect(['ok', 'not_modified']).toContain(out.status);
      const healthy = feedHealth(await store.getFeedState('wire'), now);
      expect(healthy.state).toBe('ok');
      expect(healthy.errorStreak).toBe(0);
    });
  });

  it('never gives up on a failing feed: the backoff is capped, not final', async () => {
    const state = await store.getFeedState('wire');
    await store.putFeedState({ ...state!, errorStreak: 40 });
    sim.setFault('/feeds/wire', { kind: 'status', status: 503 });
    await expect(pollFeed(deps, feed(), 'manual')).rejects.toThrow();
    const after = await store.getFeedState('wire');
    expect(Date.parse(after!.nextPollAt!) - now.getTime()).toBeLessThanOrEqual(6 * 3600 * 1000);
    sim.setFault('/feeds/wire', null);
  });
});

describe('when a feed has more items than one poll queues', () => {
  it('queues maxItemsPerPoll items, then the rest on the next poll, with no 304 in between', async () => {
    const saved = new Map<string, FeedHints>();
    const hints = {
      get: async (id: string) => saved.get(id),
      put: async (id: string, h: FeedHints) => void saved.set(id, h),
    };
    const capped: PollDeps = { ...deps, hints, maxItemsPerPoll: 3 };
    const f = { id: 'wire-capped', url: sim.feedUrl('wire'), interval: 60 };

    const first = await pollFeed(capped, f, 'manual');
    if (first.status !== 'ok') throw new Error(`expected ok, got ${first.status}`);
    expect(first.jobs).toHaveLength(3);
    expect(first.itemCount).toBe(4);
    expect(first.backlog).toMatchObject({ taken: 3 });
    expect(first.validators).toEqual({});
    await recordValidators(store, f.id, first.validators);
    await recordProgress(hints, f.id, first.backlog);

    const second = await pollFeed(capped, f, 'manual');
    if (second.status !== 'ok') throw new Error(`expected ok, got ${second.status}`);
    expect(second.jobs).toHaveLength(1);
    expect(second.backlog).toBeUndefined();
    const keys = new Set([...first.jobs, ...second.jobs].map((j) => j.itemKey));
    expect(keys.size).toBe(4);
    await recordValidators(store, f.id, second.validators);
    await recordProgress(hints, f.id, second.backlog);
    expect(saved.get(f.id)?.backlog).toBeUndefined();
    expect(await pollFeed(capped, f, 'manual')).toEqual({ status: 'not_modified' });
  });
});
