// Starts the workers of the given kinds in this process and returns one function that stops
// them: stop taking jobs, let active ones finish, then release shared resources.
import type { Worker } from 'bullmq';
import { ExtractorPool } from '../extract/pool.js';
import { syncFeedSchedulers } from '../queues/schedulers.js';
import type { WorkerKind } from './kinds.js';
import type { Runtime } from '../app/runtime.js';
import type { StageContext } from './stage-worker.js';
import { RobotsChecker } from '../pipeline/robots-checker.js';
import { startPollWorker } from './poll.worker.js';
import { startFetchWorker } from './fetch.worker.js';
import { startEnrichWorker } from './enrich.worker.js';
import { startStoreWorker } from './store.worker.js';

export interface RunningWorkers {
  workers: Worker[];
  stop(): Promise<void>;
}

/** Upsert the feed schedulers now and whenever the feed list file changes. */
function runScheduler(rt: Runtime): () => void {
  let last = '';
  const sync = async () => {
    const feeds = rt.feeds.list();
    const signature = JSON.stringify(feeds);
    if (signature === last) return;
    const result = await syncFeedSchedulers(
      rt.queues.queues.poll,
      feeds,
      rt.config.feeds.defaultIntervalSeconds,
      rt.config.feeds.minIntervalSeconds,
    );
    last = signature;
    rt.logger.info({ stage: 'scheduler', feeds: result.upserted, removed: result.removed }, 'feed schedulers synced');
  };
  const tick = () =>
    void sync().catch((err: Error) =>
      rt.logger.error({ stage: 'scheduler', err: err.message }, 'scheduler sync failed'),
    );
  void tick();
  const timer = setInterval(tick, 5_000);
  return () => clearInterval(timer);
}

export function startWorkers(rt: Runtime, kinds: readonly WorkerKind[]): RunningWorkers {
  const ctx: StageContext = {
    connection: rt.connection,
    config: rt.config,
    logger: rt.logger,
    queues: rt.queues,
    metrics: rt.metrics,
  };
  const workers: Worker[] = [];
  const stoppers: Array<() => Promise<void> | void> = [];
  for (const kind of kinds) {
    switch (kind) {
      case 'scheduler':
        stoppers.push(runScheduler(rt));
        break;
      case 'poll':
        workers.push(startPollWorker(ctx, rt.store, rt.feeds));
        break;
      case 'fetch': {
        const pool = new ExtractorPool(rt.config.extract);
        workers.push(startFetchWorker(ctx, pool, new RobotsChecker(rt.config)));
        stoppers.push(() => pool.close());
        break;
      }
      case 'enrich':
        workers.push(startEnrichWorker(ctx));
        break;
      case 'store':
        workers.push(startStoreWorker(ctx, rt.store, rt.config.dedupe));
        break;
    }
  }
  return {
    workers,
    async stop() {
      // Worker.close() waits for active jobs to finish: nothing is lost or half-written.
      await Promise.all(workers.map((w) => w.close()));
      for (const stop of stoppers) await stop();
    },
  };
}
