// Glue shared by every stage's BullMQ worker: validate the payload, run the handler, log one
// line per outcome, route the result to the next stage, and turn errors into BullMQ outcomes
// (stage-errors.ts: permanent → failed now; retry-later → this job delayed, attempt not spent;
// dependency down → the same and the worker pauses; anything else → retried with backoff).
import { DelayedError, MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { errorMessage } from '../shared/errors.js';
import { stageErrorOutcome } from './stage-errors.js';
import { payloadSchemas, queueName, type Stage } from '../queues/definitions.js';
import type { PayloadOf } from '../queues/payloads-of.js';
import { nextJobs, type StageResult } from '../pipeline/flow.js';
import type { PipelineQueues } from '../queues/producers.js';
import type { StageMetrics } from '../shared/metrics.js';
import { isRedisConnectionError } from '../shared/redis.js';
import type { ActiveJobs } from './active-jobs.js';

export interface StageContext {
  connection: RedisClient;
  config: Config;
  logger: Logger;
  queues: PipelineQueues;
  metrics?: StageMetrics;
  /** Counts the jobs in flight, so a stop can wait for them without Redis. */
  active?: ActiveJobs;
}

/** What a stage's handler adapter returns: the routed result and a few log fields. */
export interface Handled {
  result: StageResult;
  outcome: string;
  fields?: Record<string, unknown>;
  /** Runs once the next jobs are queued: state that must not be recorded before they are. */
  afterQueued?: () => Promise<void>;
  /** Level of the outcome's log line; routine no-ops (a poll tick before the feed is due) log at debug. */
  logLevel?: 'debug' | 'info';
}

/** What differs between stages' workers, set by each stage's worker module. */
export interface StageWorkerOptions {
  /** How long a job's lock lasts between renewals; must outlast the slowest job. Default 30 000 ms. */
  lockDurationMs?: number;
}

export function startStageWorker<S extends Stage>(
  stage: S,
  ctx: StageContext,
  options: StageWorkerOptions,
  handle: (payload: PayloadOf<S>, job: Job) => Promise<Handled>,
): Worker {
  const { config, logger } = ctx;
  const worker = new Worker(
    queueName(stage),
    tracked(ctx.active, async (job: Job, token?: string) => {
      const started = performance.now();
      const parsed = payloadSchemas[stage].safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`${stage}: invalid payload: ${parsed.error.message}`);
      const payload = parsed.data as PayloadOf<S>;
      const ids = {
        stage,
        job_id: job.id,
        feed_id: (payload as { feedId?: string }).feedId,
        item_key: (payload as { itemKey?: string }).itemKey,
        correlation_id: (payload as { correlationId?: string }).correlationId,
        attempt: job.attemptsMade + 1,
      };
      try {
        const handled = await handle(payload, job);
        // Built from the payload validated above; the next stage's worker validates it on taking it.
        await ctx.queues.addBulk(nextJobs(handled.result), { validate: false });
        await handled.afterQueued?.();
        const durationMs = Math.round(performance.now() - started);
        ctx.metrics?.observe(stage, handled.outcome, durationMs);
        logger[handled.logLevel ?? 'info'](
          { ...ids, outcome: handled.outcome, duration_ms: durationMs, ...handled.fields },
          `${stage} ${handled.outcome}`,
        );
        return { outcome: handled.outcome, ...handled.fields };
      } catch (err) {
        const durationMs = Math.round(performance.now() - started);
        const outcome = stageErrorOutcome(err);
        if (outcome.kind === 'delayed') {
          ctx.metrics?.observe(stage, 'delayed', durationMs);
          logger.info(
            { ...ids, outcome: 'delayed', retry_after_ms: outcome.retryAfterMs, reason: errorMessage(err) },
            `${stage} delayed`,
          );
          await job.moveToDelayed(Date.now() + outcome.retryAfterMs, token);
          if (outcome.pauseWorker) holdOff(outcome.retryAfterMs);
          throw new DelayedError();
        }
        ctx.metrics?.observe(stage, 'failed', durationMs);
        logger.warn(
          {
            ...ids,
            outcome: outcome.kind === 'failed' ? 'failed' : 'error',
            duration_ms: durationMs,
            err: errorMessage(err),
          },
          `${stage} failed`,
        );
        throw outcome.error;
      }
    }),
    {
      connection: ctx.connection,
      prefix: config.redis.prefix,
      concurrency: config.queues.concurrency[stage],
      removeOnComplete: { age: config.queues.keepCompletedSeconds },
      removeOnFail: { age: config.queues.keepFailedSeconds },
      // Per-minute completed/failed counts kept in Redis, for `lede stats` throughput.
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      lockDuration: options.lockDurationMs ?? 30_000,
      // A job whose worker is killed is picked up again by the stalled-job check. BullMQ fails it
      // after one such stall by default, so a crash loop (or an orchestrator restarting a
      // container twice) would send healthy jobs to the failed set; three stalls is a job that
      // kills its worker, not bad luck.
      maxStalledCount: 3,
    },
  );
  worker.on('error', (err) => {
    // A lost Redis is logged once per reconnection attempt by the connection's watcher.
    if (!isRedisConnectionError(err)) logger.error({ stage, err: errorMessage(err) }, `${stage} worker error`);
  });

  // While a dependency is down, one probe per delay instead of every waiting job failing fast.
  let resumeTimer: NodeJS.Timeout | undefined;
  function holdOff(ms: number): void {
    if (resumeTimer || worker.closing) return;
    logger.warn({ stage, pause_ms: ms }, `${stage} worker paused: dependency unavailable`);
    void worker.pause(true);
    resumeTimer = setTimeout(() => {
      resumeTimer = undefined;
      if (!worker.closing) void worker.resume();
    }, ms);
  }
  worker.on('closing', () => clearTimeout(resumeTimer));
  return worker;
}

function tracked<A extends unknown[], R>(
  active: ActiveJobs | undefined,
  processor: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return active ? (...args) => active.run(() => processor(...args)) : processor;
}
