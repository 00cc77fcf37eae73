// The process-wide resources a lede process shares between its workers and API: config,
// logger, Redis, the store, the queue producers, metrics. Created once, closed once.
import type { RedisClient } from '../shared/redis.js';
import { loadConfig, type Config } from '../shared/config.js';
import { createLogger, maskUrl, type Logger } from '../shared/logger.js';
import { createRedis } from '../shared/redis.js';
import { StageMetrics } from '../shared/metrics.js';
import { FeedSource } from '../shared/feed-source.js';
import { PipelineQueues } from '../queues/producers.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { claimDeployment } from './deployment.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  connection: RedisClient;
  store: Store;
  queues: PipelineQueues;
  metrics: StageMetrics;
  feeds: FeedSource;
  close(): Promise<void>;
}

export async function createRuntime(config: Config = loadConfig(), logger?: Logger): Promise<Runtime> {
  const log = logger ?? createLogger(config.log.level);
  // The feed list first: a missing or invalid one stops start-up before anything connects.
  const feeds = new FeedSource(config.feeds.file, (err) =>
    log.error({ feeds: config.feeds.file, err }, 'feed list invalid: keeping the last good list'),
  );
  feeds.load();
  const connection = createRedis(config.redis.url, 'worker', { tlsCaFile: config.redis.tlsCaFile });
  connection.on('error', (err) =>
    log.warn({ err: err.message, redis: maskUrl(config.redis.url) }, 'redis connection error'),
  );
  let store: Store | undefined;
  try {
    store = await openStore(config.database.url);
    await store.migrate();
    await claimDeployment(connection, config.redis.prefix, store, config.database.url);
  } catch (err) {
    await store?.close().catch(() => {});
    connection.disconnect();
    throw err;
  }
  const opened = store;
  const queues = new PipelineQueues(connection, config.redis.prefix, config.queues);
  const metrics = new StageMetrics();
  return {
    config,
    logger: log,
    connection,
    store: opened,
    queues,
    metrics,
    feeds,
    async close() {
      await queues.close();
      await opened.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
