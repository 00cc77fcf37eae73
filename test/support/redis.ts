// Test isolation on the shared Redis: a unique key prefix per test file, deleted afterwards.
import { randomBytes } from 'node:crypto';
import { createRedis, deleteKeysWithPrefix } from '../../src/shared/redis.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(name: string): string {
  return `lede-test-${name}-${randomBytes(4).toString('hex')}`;
}

export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  // A worker-style connection queues the first command until it is connected.
  const redis = createRedis(url, 'worker');
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
