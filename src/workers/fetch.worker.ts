// Fetch worker: glue between the fetch queue and fetchAndExtract. Adds what needs Redis or a
// process-wide resource: the per-host politeness limit shared by every worker (a host at its
// limit delays this one job, never the queue) and the extraction process pool, which enriches
// what it extracts (so a page's item goes from here straight to the store queue).
import type { Worker } from 'bullmq';
import { PermanentError, RetryLaterError } from '../shared/errors.js';
import { assertPublicUrl, oncePerHostLookup, type LookupFunction } from '../fetch/address-guard.js';
import { FetchError } from '../fetch/errors.js';
import { HostLimiter } from '../fetch/host-limit.js';
import type { ExtractorPool } from '../extract/pool.js';
import type { RobotsChecker } from '../pipeline/robots-checker.js';
import { pageGetter } from '../pipeline/http-adapters.js';
import { fetchAndExtract, type FetchDeps } from '../pipeline/fetch.js';
import { startStageWorker, type StageContext } from './stage-worker.js';

const BUSY_RETRY_MS = 250;

// jsdom and the extractor are imported on the first item read from its feed content (node keeps
// the module after that): pages are extracted in the pool's processes, so most fetch workers
// never need them in their own.
const extractFromFeedContent: FetchDeps['extractFromFeed'] = async (feed, url) =>
  (await import('../extract/index.js')).extractFromFeedContent(feed, url);

export function startFetchWorker(ctx: StageContext, pool: ExtractorPool, robots: RobotsChecker): Worker {
  const { config } = ctx;
  const limiter = new HostLimiter(ctx.connection, {
    prefix: `${config.redis.prefix}:hostlimit`,
    maxConcurrent: config.fetch.perHostConcurrency,
    ratePerSecond: config.fetch.perHostRatePerSecond,
    leaseMs: config.fetch.timeoutMs + 5_000,
    // A slot frees when a page arrives, typically well within a second; a refused job that waits
    // a whole second leaves the host's slots idle between rounds.
    busyRetryMs: BUSY_RETRY_MS,
  });
  const getPage = pageGetter(config, (host, status) => ctx.metrics?.fetchStatus.inc({ host, status }));

  const politeGetPage: typeof getPage = async (url, lookup) => {
    const host = new URL(url).host;
    const slot = await limiter.tryAcquire(host);
    // The limiter already spaces rate-limited jobs a token apart; a little jitter keeps jobs
    // refused for busy slots (same wait) from all coming back in the same instant.
    if (!slot.ok)
      throw new RetryLaterError(
        `fetch: host ${host} at its request limit`,
        slot.retryAfterMs + Math.round(Math.random() * 50),
      );
    try {
      return await getPage(url, lookup);
    } finally {
      await slot.release();
    }
  };

  // A link to a private address is refused before robots.txt is asked for: a refused robots.txt
  // reads as "unreachable" and would quietly skip the page instead of failing with the reason.
  const refusePrivate = async (url: string, lookup: LookupFunction) => {
    try {
      await assertPublicUrl(new URL(url), config.fetch.allowPrivateHosts, lookup);
    } catch (err) {
      if (err instanceof FetchError && (err.code === 'private_address' || err.code === 'bad_url'))
        throw new PermanentError(err.message, err.code);
      throw err;
    }
  };

  // Extraction runs in child processes, so locks are renewed on time; the lock still must
  // outlast the slowest page (fetch timeout + extraction timeout).
  const lockDurationMs = config.fetch.timeoutMs + config.extract.timeoutMs;
  return startStageWorker('fetch', ctx, { lockDurationMs }, async (payload) => {
    // One DNS lookup per host for this page: the private-address check and the fetch share it.
    const lookup = oncePerHostLookup();
    const outcome = await fetchAndExtract(
      {
        getPage: (url) => politeGetPage(url, lookup),
        robotsAllowed: async (url) => {
          await refusePrivate(url, lookup);
          return robots.allowed(url);
        },
        extract: (html, url, opts) => pool.extractAndEnrich(html, url, opts),
        extractFromFeed: extractFromFeedContent,
        dom: config.extract.dom,
      },
      payload,
    );
    const fields =
      outcome.status === 'extracted'
        ? { from: outcome.from, words: outcome.article.wordCount, enriched: outcome.enrichment !== undefined }
        : { reason: outcome.reason };
    return {
      result: { stage: 'fetch', payload, outcome, fetchedAt: new Date().toISOString() },
      outcome: outcome.status,
      fields,
    };
  });
}
