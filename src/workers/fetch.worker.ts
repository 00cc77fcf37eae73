// Fetch worker: glue between the fetch queue and fetchAndExtract. Adds what needs Redis or a
// process-wide resource: the per-host politeness limit shared by every worker (a host at its
// limit delays this one job, never the queue) and the extraction thread pool.
import type { Worker } from 'bullmq';
import { RetryLaterError } from '../shared/errors.js';
import { HostLimiter } from '../fetch/host-limit.js';
import type { ExtractorPool } from '../extract/pool.js';
import { extractFromFeedContent } from '../extract/index.js';
import type { RobotsChecker } from './robots-checker.js';
import { pageGetter } from './http-adapters.js';
import { fetchAndExtract } from './fetch.handler.js';
import { startStageWorker, type StageContext } from './stage-worker.js';

export function startFetchWorker(ctx: StageContext, pool: ExtractorPool, robots: RobotsChecker): Worker {
  const { config } = ctx;
  const limiter = new HostLimiter(ctx.connection, {
    prefix: `${config.redis.prefix}:hostlimit`,
    maxConcurrent: config.fetch.perHostConcurrency,
    ratePerSecond: config.fetch.perHostRatePerSecond,
    leaseMs: config.fetch.timeoutMs + 5_000,
  });
  const getPage = pageGetter(config, (host, status) => ctx.metrics?.fetchStatus.inc({ host, status }));

  const politeGetPage: typeof getPage = async (url) => {
    const host = new URL(url).host;
    const slot = await limiter.tryAcquire(host);
    if (!slot.ok) throw new RetryLaterError(`fetch: host ${host} at its request limit`, slot.retryAfterMs);
    try {
      return await getPage(url);
    } finally {
      await slot.release();
    }
  };

  return startStageWorker('fetch', ctx, async (payload) => {
    const outcome = await fetchAndExtract(
      {
        getPage: politeGetPage,
        robotsAllowed: (url) => robots.allowed(url),
        extract: (html, url, opts) => pool.extract(html, url, opts),
        extractFromFeed: extractFromFeedContent,
        dom: config.extract.dom,
      },
      payload,
    );
    const fields =
      outcome.status === 'extracted'
        ? { from: outcome.from, words: outcome.article.wordCount }
        : { reason: outcome.reason };
    return { result: { stage: 'fetch', payload, outcome, fetchedAt: new Date().toISOString() }, outcome: outcome.status, fields };
  });
}
