// Start-up waits for Redis and the database instead of failing (or spinning) at once: a process
// started before its dependencies (compose, a laptop) gets them within the wait, one log line per
// attempt. Past the configured wait it gives up with one line saying what it tried and how to
// fix it. A wait of 0 waits for ever, for orchestrators that restart on their own terms.
import { setTimeout as delay } from 'node:timers/promises';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import { StartupError, errorMessage } from '../shared/errors.js';
import { maskUrl, type Logger } from '../shared/logger.js';
import { TimeoutError, retryDelayMs, withTimeout } from '../shared/timeout.js';
import { isDatabaseUnavailable } from '../storage/unavailable.js';
import type { Store } from '../storage/store.js';

/** One probe of the database may take this long before it counts as failed. */
const PROBE_TIMEOUT_MS = 5_000;

/** The first attempt always gets this long, however late in the wait it starts. */
const FIRST_ATTEMPT_MS = 3_000;

/** Counted from the process's start: loading the code on a busy machine is part of the wait. */
function deadlineOf(seconds: number): number {
  if (seconds === 0) return Infinity;
  return Math.max(performance.timeOrigin + seconds * 1000, Date.now() + FIRST_ATTEMPT_MS);
}

/** Resolves once the connection is ready (its own reconnects, logged by watchRedis, do the retrying). */
export async function waitForRedis(
  connection: RedisClient,
  config: Config['redis'],
  lastError: () => string | undefined,
  signal: AbortSignal,
): Promise<void> {
  if (connection.status === 'ready') return;
  const deadline = deadlineOf(config.startupTimeoutSeconds);
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', onReady);
      signal.removeEventListener('abort', onAbort);
    };
    const onReady = () => {
      done();
      resolve();
    };
    const onAbort = () => {
      done();
      reject(signal.reason as Error);
    };
    const timer =
      deadline === Infinity
        ? undefined
        : setTimeout(
            () => {
              done();
              reject(
                new StartupError(
                  `cannot reach Redis at ${maskUrl(config.url)} (REDIS_URL) after ${config.startupTimeoutSeconds} s: ` +
                    `${lastError() ?? 'no answer'}. Start Redis (e.g. \`redis-server\`, or \`docker compose up -d redis\`) ` +
                    'or set REDIS_URL to where it runs; redis.startupTimeoutSeconds sets this wait (0 = for ever)',
                ),
              );
            },
            Math.max(0, deadline - Date.now()),
          );
    connection.on('ready', onReady);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort);
  });
}

/** Pings the database until it answers, backing off to 5 s between attempts. */
export async function waitForStore(
  store: Store,
  config: Config['database'],
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  const deadline = deadlineOf(config.startupTimeoutSeconds);
  const target = maskUrl(config.url);
  for (let attempt = 1; ; attempt++) {
    try {
      await withTimeout(store.ping(), PROBE_TIMEOUT_MS, 'database');
      if (attempt > 1)
        logger.info({ target: 'database', database: target, attempts: attempt - 1 }, 'database connected');
      return;
    } catch (err) {
      signal.throwIfAborted();
      const reason = errorMessage(err);
      // A wrong password or a missing database does not fix itself by waiting.
      if (!isDatabaseUnavailable(err) && !(err instanceof TimeoutError))
        throw new StartupError(`cannot use the database at ${target} (DATABASE_URL): ${reason}`);
      const delayMs = Math.min(retryDelayMs(attempt), deadline - Date.now());
      if (delayMs <= 0)
        throw new StartupError(
          `cannot reach the database at ${target} (DATABASE_URL) after ${config.startupTimeoutSeconds} s: ${reason}. ` +
            'Start PostgreSQL (e.g. `docker compose up -d postgres`) or set DATABASE_URL to where it runs ' +
            '(sqlite:data/lede.db for the embedded store); database.startupTimeoutSeconds sets this wait (0 = for ever)',
        );
      logger.warn(
        {
          target: 'database',
          database: target,
          err: reason,
          attempt,
          retry_in_ms: delayMs,
          next_attempt_at: new Date(Date.now() + delayMs).toISOString(),
        },
        'database unreachable, retrying',
      );
      await delay(delayMs, undefined, { signal });
    }
  }
}
