// Redis connections for BullMQ and lede's own keys, for each kind of target a REDIS_URL names
// (see redis-url.ts). Workers need maxRetriesPerRequest: null (BullMQ's rule for blocking
// connections); producers and the API fail fast instead of queueing commands forever.
import { readFileSync } from 'node:fs';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from './redis-url.js';

/** A single Redis (direct or found through Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

export interface RedisConnectOptions {
  /** PEM file of a private CA for rediss:// targets (LEDE_REDIS_TLS_CA). */
  tlsCaFile?: string;
}

export function createRedis(url: string, role: 'worker' | 'producer', opts: RedisConnectOptions = {}): RedisClient {
  const target = parseRedisUrl(url);
  const base: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableOfflineQueue: role === 'worker',
    // Reconnect forever with a capped delay: a Redis restart must never silently stop a worker.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  };
  // Sentinel and cluster connections are ready only after discovery (ask a sentinel, read the
  // slot map): a producer's first command must wait for that instead of failing at once.
  if (target.kind !== 'single') base.enableOfflineQueue = true;
  const tls = target.tls ? { ca: opts.tlsCaFile ? readFileSync(opts.tlsCaFile) : undefined } : undefined;
  const auth = { username: target.username, password: target.password };
  switch (target.kind) {
    case 'single':
      // ioredis parses redis://user:pass@host:port/db itself, including the database index.
      return new Redis(url, { ...base, ...(tls ? { tls } : {}) });
    case 'sentinel':
      return new Redis({
        ...base,
        ...auth,
        db: target.db,
        sentinels: target.sentinels,
        name: target.masterName,
        ...(tls ? { tls, enableTLSForSentinelMode: true } : {}),
        // A failover moves the primary: reconnect to whichever node Sentinel names now.
        sentinelRetryStrategy: (times) => Math.min(times * 200, 5_000),
      });
    case 'cluster': {
      const options: ClusterOptions = {
        redisOptions: { ...auth, ...(tls ? { tls } : {}), maxRetriesPerRequest: base.maxRetriesPerRequest },
        enableOfflineQueue: base.enableOfflineQueue,
        clusterRetryStrategy: (times) => Math.min(times * 200, 5_000),
        // Failover: a replica answers MOVED/CLUSTERDOWN for a few seconds while it is promoted.
        retryDelayOnClusterDown: 300,
        retryDelayOnFailover: 300,
        retryDelayOnTryAgain: 300,
        slotsRefreshTimeout: 2_000,
      };
      return new Cluster(target.nodes, options);
    }
  }
}

/**
 * A second connection to the same target, for commands that block it (XREAD BLOCK);
 * `connectionName` shows in CLIENT LIST.
 */
export function duplicateRedis(client: RedisClient, connectionName?: string): RedisClient {
  if (client instanceof Cluster) {
    const redisOptions = { ...client.options.redisOptions, ...(connectionName ? { connectionName } : {}) };
    return client.duplicate(undefined, { redisOptions });
  }
  return client.duplicate(connectionName ? { connectionName } : undefined);
}

/** Every key that starts with `prefix`. On a cluster SCAN sees one node's keys, so each master is scanned. */
export async function keysWithPrefix(client: RedisClient, prefix: string): Promise<string[]> {
  // A `{tag}` prefix is fine in a glob; *, ?, [ and \ must be matched literally.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return keys;
}

/**
 * Delete every key under `prefix` (tests, fault runs). Keys are deleted one by one: on a cluster
 * a multi-key DEL must not span slots.
 */
export async function deleteKeysWithPrefix(client: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for (const key of await keysWithPrefix(client, prefix)) deleted += await client.del(key);
  return deleted;
}
