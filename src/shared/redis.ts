// Redis connections for BullMQ. Workers need maxRetriesPerRequest: null (BullMQ's rule for
// blocking connections); producers and the API fail fast instead of queueing commands forever.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';
import { maskUrl } from './logger.js';
import { retryDelayMs } from './timeout.js';

export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableOfflineQueue: role === 'worker',
    // Reconnect for ever, backing off to 5 s: a Redis restart must never silently stop a worker.
    retryStrategy: retryDelayMs,
  };
  // ioredis parses redis://user:pass@host:port/db itself, including the database index.
  return quiet(new Redis(url, options));
}

/** Another connection with the same options (ioredis copies options, not listeners). */
export function duplicateConnection(connection: Redis): Redis {
  return quiet(connection.duplicate());
}

/**
 * ioredis prints the stack of an 'error' event nobody listens to. A failed connection also
 * rejects the commands waiting on it, which is where callers see it; the retries themselves
 * are logged once per attempt by watchRedis.
 */
function quiet(connection: Redis): Redis {
  connection.on('error', () => {});
  return connection;
}

/**
 * One log line per reconnection attempt, with the target, the error and when the next attempt
 * is due; one more when the connection is back. Returns the last error while not connected.
 */
export function watchRedis(connection: Redis, url: string, logger: Logger): () => string | undefined {
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
