// Store worker: glue between the store queue and storeArticle / withdrawStory.
import type { Worker } from 'bullmq';
import type { Store } from '../storage/store.js';
import { isDatabaseUnavailable } from '../storage/unavailable.js';
import type { MatchThresholds } from '../stories/match.js';
import type { StorePayload } from '../queues/payloads.js';
import { DependencyDownError, errorMessage } from '../shared/errors.js';
import { storeArticle, withdrawStory } from '../pipeline/store.js';
import { startStageWorker, type Handled, type StageContext } from './stage-worker.js';

// While the database is unreachable, jobs wait as long as it has been down so far (at least
// 1 s, at most 10 s) and spend no attempt: an outage of any length is ridden out, with a probe
// every second or so at its start and every 10 s once it drags on (the most a recovery waits;
// a probe is one failed connect per store process, cheap at that rate).
export interface OutageWait {
  minMs: number;
  maxMs: number;
}
export const OUTAGE_WAIT: OutageWait = { minMs: 1_000, maxMs: 10_000 };

export function startStoreWorker(
  ctx: StageContext,
  store: Store,
  thresholds: MatchThresholds,
  outageWait = OUTAGE_WAIT,
): Worker {
  let downSince: number | undefined;
  return startStageWorker('store', ctx, {}, async (payload) => {
    try {
      const handled = await storeOne(ctx, store, thresholds, payload);
      downSince = undefined;
      return handled;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      downSince ??= Date.now();
      const waitMs = Math.min(outageWait.maxMs, Math.max(outageWait.minMs, Date.now() - downSince));
      throw new DependencyDownError(`store: database unavailable: ${errorMessage(err)}`, waitMs);
    }
  });
}

async function storeOne(
  ctx: StageContext,
  store: Store,
  thresholds: MatchThresholds,
  payload: StorePayload,
): Promise<Handled> {
  const now = () => new Date();
  const started = performance.now();
  if (payload.action === 'withdraw') {
    const out = await withdrawStory(store, payload, now);
    ctx.metrics?.storeLatency.observe((performance.now() - started) / 1000);
    return {
      result: { stage: 'store' },
      outcome: out.status,
      fields: { story_id: 'storyId' in out ? out.storyId : undefined },
    };
  }
  const out = await storeArticle(
    store,
    {
      feedId: payload.feedId,
      guid: payload.guid,
      url: payload.url,
      itemKey: payload.itemKey,
      slug: payload.slug,
      article: payload.article,
      enrichment: payload.enrichment,
      fetchedAt: payload.fetchedAt,
    },
    { thresholds, now },
  );
  ctx.metrics?.storeLatency.observe((performance.now() - started) / 1000);
  ctx.metrics?.dedupe.inc({ rule: out.decision.rule, kind: out.decision.kind, feed: payload.feedId ?? 'none' });
  return {
    result: { stage: 'store' },
    outcome: out.decision.kind,
    fields: { article_id: out.articleId, story_id: out.storyId, version: out.version, rule: out.decision.rule },
  };
}
