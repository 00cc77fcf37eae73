// The process-wide resources a lede process shares between its workers and API: config,
// logger, Redis, the store, the queue producers, metrics. Opened once (connections come up in
// the background), made ready once (Redis and the database answer, the schema is migrated),
// closed once (each connection given a few seconds, so a dead dependency cannot hold a stop).
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../shared/config.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { createRedis, watchRedis } from '../shared/redis.js';
import { settledWithin } from '../shared/timeout.js';
import { StageMetrics } from '../shared/metrics.js';
import { FeedSource } from '../shared/feed-source.js';
import { PipelineQueues } from '../queues/producers.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { waitForRedis, waitForStore } from './dependencies.js';

/** Longest wait for each connection to close cleanly before it is dropped. */
const CLOSE_MS = 2_000;

export interface Runtime {
  config: Config;
  logger: Logger;
  connection: Redis;
  store: Store;
  queues: PipelineQueues;
  metrics: StageMetrics;
  feeds: FeedSource;
  /**
   * Wait for Redis and the database (a log line per retry), then migrate the store. Rejects with
   * a StartupError past the configured waits, or with the signal's reason when it aborts.
   */
  ready(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** The runtime without waiting for anything: what an entry point opens before its API listens. */
export async function openRuntime(config: Config = loadConfig(), logger?: Logger): Promise<Runtime> {
  const log = logger ?? createLogger(config.log.level);
  const connection = createRedis(config.redis.url, 'worker');
  const redisProblem = watchRedis(connection, config.redis.url, log);
  const store = await openStore(config.database.url);
  const queues = new PipelineQueues(connection, config.redis.prefix, config.queues);
  return {
    config,
    logger: log,
    connection,
    store,
    queues,
    metrics: new StageMetrics(),
    feeds: new FeedSource(config.feeds.file),
    async ready(signal = new AbortController().signal) {
      await Promise.all([
        waitForRedis(connection, config.redis, redisProblem, signal),
        waitForStore(store, config.database, log, signal),
      ]);
      await store.migrate();
    },
    async close() {
      // Without Redis there is nothing to flush, and dropping the connection first releases
      // whatever still waits on it (the queues' own start-up, queued commands).
      if (connection.status !== 'ready') connection.disconnect();
      await settledWithin(queues.close(), CLOSE_MS);
      await settledWithin(store.close(), CLOSE_MS);
      if (connection.status !== 'ready' || !(await settledWithin(connection.quit(), CLOSE_MS))) connection.disconnect();
    },
  };
}

/** Open and make ready: for tests, tools and anything without an API to start first. */
export async function createRuntime(config: Config = loadConfig(), logger?: Logger): Promise<Runtime> {
  const rt = await openRuntime(config, logger);
  await rt.ready();
  return rt;
}
