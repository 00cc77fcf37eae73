// Starts the workers of the given kinds in this process and returns one function that stops
// them: stop taking jobs, let active ones finish (until a deadline), then release shared
// resources.
import { resolve } from 'node:path';
import type { Worker } from 'bullmq';
import { ExtractorPool } from '../extract/pool.js';
import { syncFeedSchedulers } from '../queues/schedulers.js';
import { publishLiveFeedList } from '../queues/live-feeds.js';
import type { WorkerKind } from './kinds.js';
import type { Runtime } from '../app/runtime.js';
import type { StageContext } from './stage-worker.js';
import { RobotsChecker } from '../pipeline/robots-checker.js';
import { startPollWorker } from './poll.worker.js';
import { startFetchWorker } from './fetch.worker.js';
import { startEnrichWorker } from './enrich.worker.js';
import { startStoreWorker, type OutageWait } from './store.worker.js';
import { ActiveJobs } from './active-jobs.js';
import { settledWithin } from '../shared/timeout.js';

/** After the last active job, how long BullMQ gets to record it (it needs Redis for that). */
const SETTLE_MS = 2_000;

export interface RunningWorkers {
  workers: Worker[];
  /** Stop taking jobs, wait for the active ones until `jobsDeadline` (ms epoch), close. */
  stop(jobsDeadline?: number): Promise<void>;
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
    await publishLiveFeedList(rt.connection, rt.config.redis.prefix, {
      file: resolve(rt.feeds.path),
      feeds,
      syncedAt: new Date().toISOString(),
    });
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

/**
 * `extractWorkerEntry`: the module the fetch stage's extraction processes run (pool-worker by
 * default; tests under vitest pass a compiled one, which starts without tsx's loader).
 * `storeOutageWait`: how long store jobs wait while the database is down (tests ride out an
 * outage in a fraction of the default's seconds).
 */
export function startWorkers(
  rt: Runtime,
  kinds: readonly WorkerKind[],
  opts: { extractWorkerEntry?: string; storeOutageWait?: OutageWait } = {},
): RunningWorkers {
  const active = new ActiveJobs();
  const ctx: StageContext = {
    connection: rt.connection,
    config: rt.config,
    logger: rt.logger,
    queues: rt.queues,
    metrics: rt.metrics,
    active,
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
        const pool = new ExtractorPool({
          ...rt.config.extract,
          preloadEnrichment: true,
          workerEntry: opts.extractWorkerEntry,
        });
        workers.push(startFetchWorker(ctx, pool, new RobotsChecker(rt.config)));
        stoppers.push(() => pool.close());
        break;
      }
      case 'enrich':
        workers.push(startEnrichWorker(ctx));
        break;
      case 'store':
        workers.push(startStoreWorker(ctx, rt.store, rt.config.dedupe, opts.storeOutageWait));
        break;
    }
  }
  return {
    workers,
    async stop(jobsDeadline = Infinity) {
      // Worker.close() stops taking jobs and waits for active ones, then records them in Redis.
      // Without Redis it never returns: the jobs' own end (or the deadline) is what we wait for.
      const closed = Promise.all(workers.map((w) => w.close()));
      const finished = await settledWithin(
        active.idle().then(() => settledWithin(closed, Number.isFinite(jobsDeadline) ? SETTLE_MS : Infinity)),
        jobsDeadline - Date.now(),
      );
      if (!finished && active.size > 0)
        rt.logger.warn(
          { active_jobs: active.size },
          'shutdown: jobs still active at the deadline; they will be retried',
        );
      for (const stop of stoppers) await stop();
    },
  };
}
