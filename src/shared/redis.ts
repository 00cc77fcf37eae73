// Redis connections for BullMQ. Workers need maxRetriesPerRequest: null (BullMQ's rule for
// blocking connections); producers and the API fail fast instead of queueing commands forever.
import { Redis, type RedisOptions } from 'ioredis';

export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableOfflineQueue: role === 'worker',
    // Reconnect forever with a capped delay: a Redis restart must never silently stop a worker.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  };
  // ioredis parses redis://user:pass@host:port/db itself, including the database index.
  return new Redis(url, options);
}
