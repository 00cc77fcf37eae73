// Poll worker: glue between the poll queue and pollFeed, plus the WebSub subscription of feeds
// that advertise a hub (when api.publicUrl says where hubs can reach us).
import type { Worker } from 'bullmq';
import type { Store } from '../storage/store.js';
import type { FeedSource } from '../shared/feed-source.js';
import { errorMessage } from '../shared/errors.js';
import { parseFeed } from '../feeds/parse.js';
import { FeedHintsStore, WebSubSubscriptions } from '../feeds/websub-store.js';
import { ensureSubscribed, type WebSubDeps } from '../feeds/websub-client.js';
import { feedGetter } from '../pipeline/http-adapters.js';
import { pollFeed, recordProgress, recordValidators, type AdvertisedHub } from '../pipeline/poll.js';
import { startStageWorker, type StageContext } from './stage-worker.js';

export function startPollWorker(ctx: StageContext, store: Store, feeds: FeedSource): Worker {
  const { config } = ctx;
  const getFeed = feedGetter(config, (host, status) => ctx.metrics?.fetchStatus.inc({ host, status }));
  const hints = new FeedHintsStore(ctx.connection, config.redis.prefix);
  const websub: WebSubDeps | undefined = config.api.publicUrl
    ? {
        subscriptions: new WebSubSubscriptions(ctx.connection, config.redis.prefix),
        publicUrl: config.api.publicUrl,
        leaseSeconds: config.feeds.websubLeaseSeconds,
        allowPrivateHosts: config.fetch.allowPrivateHosts,
        userAgent: config.fetch.userAgent,
        timeoutMs: config.fetch.timeoutMs,
        now: () => new Date(),
      }
    : undefined;

  const subscribe = async (deps: WebSubDeps, feedId: string, hub: AdvertisedHub | undefined) => {
    const sub = await ensureSubscribed(deps, feedId, hub).catch((err) => ({
      outcome: 'failed',
      reason: errorMessage(err),
    }));
    if (sub.reason) ctx.logger.warn({ stage: 'poll', feed_id: feedId, err: sub.reason }, 'websub subscription failed');
    else if (sub.outcome === 'requested')
      ctx.logger.info({ stage: 'poll', feed_id: feedId, hub: hub?.hubUrl }, 'websub subscription requested');
  };

  return startStageWorker('poll', ctx, {}, async (payload) => {
    const feed = feeds.get(payload.feedId);
    if (!feed || feed.enabled === false) {
      return {
        result: { stage: 'poll', outcome: { status: 'ok', jobs: [], itemCount: 0, validators: {} } },
        outcome: 'skipped',
        fields: { reason: 'feed no longer configured' },
      };
    }
    const outcome = await pollFeed(
      {
        store,
        getFeed,
        parseFeed: (body, opts) => parseFeed(body, opts),
        now: () => new Date(),
        schedule: config.feeds,
        maxItemsPerPoll: config.feeds.maxItemsPerPoll,
        hints,
      },
      feed,
      payload.trigger,
    );
    const fields = outcome.status === 'ok' ? { items: outcome.itemCount } : {};
    // Not awaited: the feed's items go on to the fetch stage without waiting for a slow hub.
    if (websub && outcome.status !== 'not_due')
      void subscribe(websub, feed.id, outcome.status === 'ok' ? outcome.hub : undefined);
    return {
      result: { stage: 'poll', outcome },
      outcome: outcome.status,
      fields,
      afterQueued:
        outcome.status === 'ok'
          ? async () => {
              await recordValidators(store, feed.id, outcome.validators);
              await recordProgress(hints, feed.id, outcome.backlog);
            }
          : undefined,
      // A scheduler tick before the feed is due happens every tick per feed: not news.
      logLevel: outcome.status === 'not_due' ? 'debug' : 'info',
    };
  });
}
