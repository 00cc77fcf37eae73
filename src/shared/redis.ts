// Redis connections for BullMQ and lede's own keys, for each kind of target a REDIS_URL names
// (see redis-url.ts). Workers need maxRetriesPerRequest: null (BullMQ's rule for blocking
// connections); producers and the API fail fast instead of queueing commands forever.
import { readFileSync } from 'node:fs';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';
import { maskUrl } from './logger.js';
import { parseRedisUrl } from './redis-url.js';
import { retryDelayMs } from './timeout.js';

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
    // Reconnect for ever, backing off to 5 s: a Redis restart must never silently stop a worker.
    retryStrategy: retryDelayMs,
  };
  // Sentinel and cluster connections are ready only after discovery (ask a sentinel, read the
  // slot map): a producer's first command must wait for that instead of failing at once.
  if (target.kind !== 'single') base.enableOfflineQueue = true;
  const tls = target.tls ? { ca: opts.tlsCaFile ? readFileSync(opts.tlsCaFile) : undefined } : undefined;
  const auth = { username: target.username, password: target.password };
  switch (target.kind) {
    case 'single':
      // ioredis parses redis://user:pass@host:port/db itself, including the database index.
      return quiet(new Redis(url, { ...base, ...(tls ? { tls } : {}) }));
    case 'sentinel':
      return quiet(
        new Redis({
          ...base,
          ...auth,
          db: target.db,
          sentinels: target.sentinels,
          name: target.masterName,
          ...(tls ? { tls, enableTLSForSentinelMode: true } : {}),
          // A failover moves the primary: reconnect to whichever node Sentinel names now.
          sentinelRetryStrategy: retryDelayMs,
        }),
      );
    case 'cluster': {
      const options: ClusterOptions = {
        redisOptions: { ...auth, ...(tls ? { tls } : {}), maxRetriesPerRequest: base.maxRetriesPerRequest },
        enableOfflineQueue: base.enableOfflineQueue,
        clusterRetryStrategy: retryDelayMs,
        // Failover: a replica answers MOVED/CLUSTERDOWN for a few seconds while it is promoted.
        retryDelayOnClusterDown: 300,
        retryDelayOnFailover: 300,
        retryDelayOnTryAgain: 300,
        slotsRefreshTimeout: 2_000,
      };
      return quiet(new Cluster(target.nodes, options));
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
    return quiet(client.duplicate(undefined, { redisOptions }));
  }
  return quiet(client.duplicate(connectionName ? { connectionName } : undefined));
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

/**
 * ioredis prints the stack of an 'error' event nobody listens to. A failed connection also
 * rejects the commands waiting on it, which is where callers see it; the retries themselves
 * are logged once per attempt by watchRedis.
 */
function quiet<T extends RedisClient>(connection: T): T {
  connection.on('error', () => {});
  return connection;
}

/**
 * One log line per reconnection attempt, with the target, the error and when the next attempt
 * is due; one more when the connection is back. Returns the last error while not connected.
 */
export function watchRedis(connection: RedisClient, url: string, logger: Logger): () => string | undefined {
  const target = maskUrl(url);
  let lastError: string | undefined;
  let failures = 0;
  connection.on('error', (err: Error) => {
    lastError = err.message || (err as { code?: string }).code || String(err);
  });
  connection.on('reconnecting', (delayMs: number) => {
    failures++;
    logger.warn(
      {
        target: 'redis',
        redis: target,
        err: lastError ?? 'connection closed',
        attempt: failures,
        retry_in_ms: delayMs,
        next_attempt_at: new Date(Date.now() + delayMs).toISOString(),
      },
      'redis unreachable, retrying',
    );
  });
  connection.on('ready', () => {
    if (failures > 0) logger.info({ target: 'redis', redis: target, attempts: failures }, 'redis connected');
    failures = 0;
    lastError = undefined;
  });
  return () => (connection.status === 'ready' ? undefined : (lastError ?? `not connected (${connection.status})`));
}

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|Connection is closed|Stream isn't writeable/;

/** A lost or refused connection (logged by watchRedis), as opposed to a failing command. */
export function isRedisConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return CONNECTION_ERROR.test(err.message) || CONNECTION_ERROR.test(String((err as { code?: unknown }).code));
}
