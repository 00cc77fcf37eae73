// Poll worker: glue between the poll queue and pollFeed.
import type { Worker } from 'bullmq';
import type { Store } from '../storage/store.js';
import type { FeedSource } from '../shared/feed-source.js';
import { parseFeed } from '../feeds/parse.js';
import { feedGetter } from './http-adapters.js';
import { pollFeed } from './poll.handler.js';
import { startStageWorker, type StageContext } from './stage-worker.js';

export function startPollWorker(ctx: StageContext, store: Store, feeds: FeedSource): Worker {
  const getFeed = feedGetter(ctx.config, (host, status) => ctx.metrics?.fetchStatus.inc({ host, status }));
  return startStageWorker('poll', ctx, async (payload) => {
    const feed = feeds.get(payload.feedId);
    if (!feed || feed.enabled === false) {
      return { result: { stage: 'poll', outcome: { status: 'ok', jobs: [], itemCount: 0 } }, outcome: 'skipped', fields: { reason: 'feed no longer configured' } };
    }
    const outcome = await pollFeed(
      {
        store,
        getFeed,
        parseFeed: (body, opts) => parseFeed(body, opts),
        now: () => new Date(),
        defaultIntervalSeconds: ctx.config.feeds.defaultIntervalSeconds,
        maxBackoffSeconds: ctx.config.feeds.maxBackoffSeconds,
      },
      feed,
      payload.trigger,
    );
    const fields = outcome.status === 'ok' ? { items: outcome.itemCount } : {};
    return { result: { stage: 'poll', outcome }, outcome: outcome.status, fields };
  });
}
