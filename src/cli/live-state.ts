// What the running pipeline sees, for commands that report on it: the feed list its scheduler
// last synced (queues/live-feeds.ts) and whether the store this shell points at is the
// pipeline's (the deployment id under the Redis prefix). Without Redis, the feed list file.
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import { createRedis } from '../shared/redis.js';
import { errorMessage } from '../shared/errors.js';
import { readFeedList, type FeedConfig } from '../shared/feed-list.js';
import { readLiveFeedList } from '../queues/live-feeds.js';
import { deploymentKey } from '../app/deployment.js';
import type { Store } from '../storage/store.js';

export interface FeedsInUse {
  feeds: FeedConfig[];
  /** Where the list comes from, for the operator. */
  source: string;
  /** Said on stderr: the store is another deployment's, Redis could not be read, … */
  notes: string[];
}

function connected(redis: RedisClient): Promise<void> {
  return new Promise((resolve, reject) => {
    if (redis.status === 'ready') return resolve();
    redis.once('ready', () => resolve());
    redis.once('error', reject);
  });
}

export async function feedsInUse(config: Config, store: Store): Promise<FeedsInUse> {
  const notes: string[] = [];
  const redis = createRedis(config.redis.url, 'producer', { tlsCaFile: config.redis.tlsCaFile });
  redis.on('error', () => {}); // reported once below
  try {
    await connected(redis);
    const [live, owner] = await Promise.all([
      readLiveFeedList(redis, config.redis.prefix),
      redis.get(deploymentKey(config.redis.prefix)),
    ]);
    if (owner && owner !== (await store.deploymentId()))
      notes.push(
        `the store at DATABASE_URL is not the one the pipeline under prefix "${config.redis.prefix}" writes to: set DATABASE_URL as the pipeline does`,
      );
    if (live)
      return {
        feeds: live.feeds,
        source: `the running pipeline's feed list (${live.file}, synced ${live.syncedAt})`,
        notes,
      };
    notes.push(`no running scheduler under prefix "${config.redis.prefix}": showing ${config.feeds.file}`);
  } catch (err) {
    notes.push(`Redis at REDIS_URL not reachable (${errorMessage(err)}): showing ${config.feeds.file}`);
  } finally {
    redis.disconnect();
  }
  return { feeds: readFeedList(config.feeds.file), source: config.feeds.file, notes };
}
