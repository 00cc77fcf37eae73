// Redis and the store belong together. Job ids are deterministic (feed, item, content hash),
// so BullMQ's record of finished jobs under a prefix tells a process "already done": a new
// store behind an old prefix would skip every item that prefix has seen, silently. The store
// carries a deployment id (storage migration 3); the first process writes it under the prefix,
// and a process whose store and prefix disagree refuses to start, saying what to change.
import type { RedisClient } from '../shared/redis.js';
import { ConfigError } from '../shared/errors.js';
import { maskUrl } from '../shared/logger.js';

export function deploymentKey(prefix: string): string {
  return `${prefix}:deployment`;
}

export async function claimDeployment(
  redis: RedisClient,
  prefix: string,
  store: { deploymentId(): Promise<string> },
  databaseUrl: string,
): Promise<string> {
  const id = await store.deploymentId();
  const key = deploymentKey(prefix);
  await redis.set(key, id, 'NX');
  const owner = await redis.get(key);
  if (owner === id) return id;
  throw new ConfigError(
    `deployment: Redis prefix "${prefix}" holds the job history of another store (deployment ${owner}), ` +
      `but the store at ${maskUrl(databaseUrl)} is deployment ${id}; items that prefix has seen would be ` +
      `skipped as already done. Set LEDE_REDIS_PREFIX (redis.prefix) to a new prefix for this store, or, ` +
      `if that job history is no longer wanted, clear it with \`lede queues reset --yes\` ` +
      `(same REDIS_URL and LEDE_REDIS_PREFIX), or point DATABASE_URL back at that deployment's store.`,
  );
}
