// The feed list the running pipeline polls, as the scheduler last synced it, kept under the
// Redis prefix so `lede feeds list` and `lede stats` show the pipeline's feeds (and their
// health) rather than whatever list the shell's LEDE_FEEDS happens to name.
import type { RedisClient } from '../shared/redis.js';
import type { FeedConfig } from '../shared/feed-list.js';

export interface LiveFeedList {
  /** The file the scheduler reads (feeds.file of the scheduler's process). */
  file: string;
  feeds: FeedConfig[];
  syncedAt: string;
}

const key = (prefix: string) => `${prefix}:feeds:live`;

export async function publishLiveFeedList(redis: RedisClient, prefix: string, list: LiveFeedList): Promise<void> {
  await redis.set(key(prefix), JSON.stringify(list));
}

export async function readLiveFeedList(redis: RedisClient, prefix: string): Promise<LiveFeedList | undefined> {
  const raw = await redis.get(key(prefix));
  return raw ? (JSON.parse(raw) as LiveFeedList) : undefined;
}
