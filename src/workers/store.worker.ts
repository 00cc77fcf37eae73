// Store worker: glue between the store queue and storeArticle / withdrawStory.
import type { Worker } from 'bullmq';
import type { Store } from '../storage/store.js';
import type { MatchThresholds } from '../stories/match.js';
import { storeArticle, withdrawStory } from './store.handler.js';
import { startStageWorker, type StageContext } from './stage-worker.js';

export function startStoreWorker(ctx: StageContext, store: Store, thresholds: MatchThresholds): Worker {
  const now = () => new Date();
  return startStageWorker('store', ctx, async (payload) => {
    const started = performance.now();
    if (payload.action === 'withdraw') {
      const out = await withdrawStory(store, payload, now);
      ctx.metrics?.storeLatency.observe((performance.now() - started) / 1000);
      return { result: { stage: 'store' }, outcome: out.status, fields: { story_id: 'storyId' in out ? out.storyId : undefined } };
    }
    const out = await storeArticle(
      store,
      { feedId: payload.feedId, guid: payload.guid, url: payload.url, itemKey: payload.itemKey, article: payload.article, enrichment: payload.enrichment, fetchedAt: payload.fetchedAt },
      { thresholds, now },
    );
    ctx.metrics?.storeLatency.observe((performance.now() - started) / 1000);
    ctx.metrics?.dedupe.inc({ rule: out.decision.rule, kind: out.decision.kind, feed: payload.feedId ?? 'none' });
    return {
      result: { stage: 'store' },
      outcome: out.decision.kind,
      fields: { article_id: out.articleId, story_id: out.storyId, version: out.version, rule: out.decision.rule },
    };
  });
}
