// The process-wide resources a lede process shares between its workers and API: config,
// logger, Redis, the store, the queue producers, metrics. Opened once (the feed list checked,
// connections come up in the background), made ready once (Redis and the database answer, the
// schema is migrated, the store and the Redis prefix agree on the deployment), closed once
// (each connection given a few seconds, so a dead dependency cannot hold a stop).
import type { RedisClient } from '../shared/redis.js';
import { loadConfig, type Config } from '../shared/config.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { createRedis, watchRedis } from '../shared/redis.js';
import { settledWithin } from '../shared/timeout.js';
import { StageMetrics } from '../shared/metrics.js';
import { FeedSource } from '../shared/feed-source.js';
import { PipelineQueues } from '../queues/producers.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { claimDeployment } from './deployment.js';
import { waitForRedis, waitForStore } from './dependencies.js';

/** Longest wait for each connection to close cleanly before it is dropped. */
const CLOSE_MS = 2_000;

export interface Runtime {
  config: Config;
  logger: Logger;
  connection: RedisClient;
  store: Store;
  queues: PipelineQueues;
  metrics: StageMetrics;
  feeds: FeedSource;
  /**
   * Wait for Redis and the database (a log line per retry), migrate the store and check that it
   * belongs with the Redis prefix. Rejects with a StartupError past the configured waits, a
   * ConfigError when store and prefix disagree, or with the signal's reason when it aborts.
   */
  ready(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** The runtime without waiting for anything: what an entry point opens before its API listens. */
export async function openRuntime(config: Config = loadConfig(), logger?: Logger): Promise<Runtime> {
  const log = logger ?? createLogger(config.log.level);
  // The feed list first: a missing or invalid one stops start-up before anything connects.
  const feeds = new FeedSource(config.feeds.file, (err) =>
    log.error({ feeds: config.feeds.file, err }, 'feed list invalid: keeping the last good list'),
  );
  feeds.load();
  const connection = createRedis(config.redis.url, 'worker', { tlsCaFile: config.redis.tlsCaFile });
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
    feeds,
    async ready(signal = new AbortController().signal) {
      await Promise.all([
        waitForRedis(connection, config.redis, redisProblem, signal),
        waitForStore(store, config.database, log, signal),
      ]);
      await store.migrate();
      await claimDeployment(connection, config.redis.prefix, store, config.database.url);
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
  try {
    await rt.ready();
  } catch (err) {
    await rt.close();
    throw err;
  }
  return rt;
}
