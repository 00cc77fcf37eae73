// Feed polling runs from BullMQ job schedulers, one per enabled feed, upserted from one place
// (the `scheduler` process, or `npm start`) at start and whenever the feed list changes.
// Schedulers of feeds no longer listed are removed. A scheduler ticks at the shortest interval
// the feed may get (feeds/schedule.ts tickSeconds); the poll handler skips ticks before the
// feed's nextPollAt, which is how adaptive intervals, server hints and backoff take effect.
import type { Queue } from 'bullmq';
import type { FeedConfig } from '../shared/feed-list.js';
import { enabledFeeds } from '../shared/feed-list.js';
import { tickSeconds } from '../feeds/schedule.js';

const SCHEDULER_PREFIX = 'feed-';

export function schedulerId(feedId: string): string {
  return `${SCHEDULER_PREFIX}${feedId}`;
}

export async function syncFeedSchedulers(
  pollQueue: Queue,
  feeds: FeedConfig[],
  defaultIntervalSeconds: number,
  /** Tick of adaptive feeds (feeds.minIntervalSeconds). Default: defaultIntervalSeconds. */
  minIntervalSeconds = defaultIntervalSeconds,
): Promise<{ upserted: number; removed: number }> {
  const wanted = enabledFeeds(feeds);
  for (const feed of wanted) {
    await pollQueue.upsertJobScheduler(
      schedulerId(feed.id),
      { every: tickSeconds(feed, { defaultIntervalSeconds, minIntervalSeconds }) * 1000 },
      { name: 'poll', data: { feedId: feed.id, trigger: 'schedule' } },
    );
  }
  const keep = new Set(wanted.map((f) => schedulerId(f.id)));
  let removed = 0;
  for (let start = 0; ; start += 1000) {
    const existing = await pollQueue.getJobSchedulers(start, start + 999);
    for (const s of existing) {
      const id = s.key ?? s.id;
      if (id && id.startsWith(SCHEDULER_PREFIX) && !keep.has(id)) {
        await pollQueue.removeJobScheduler(id);
        removed += 1;
      }
    }
    if (existing.length < 1000) break;
  }
  return { upserted: wanted.length, removed };
}
