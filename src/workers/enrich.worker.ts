// Enrich worker: glue between the enrich queue and enrichArticle.
import type { Worker } from 'bullmq';
import { startStageWorker, type StageContext } from './stage-worker.js';

// The enrichment code and models are imported on the first job (node keeps the module after
// that): the fetch stage's pool enriches what it extracts, so this stage sees only items read
// from their feed, and many processes none.

export function startEnrichWorker(ctx: StageContext): Worker {
  return startStageWorker('enrich', ctx, {}, async (payload) => {
    const { enrichArticle } = await import('../pipeline/enrich.js');
    const enrichment = enrichArticle(payload.article);
    return {
      result: { stage: 'enrich', payload, enrichment },
      outcome: 'enriched',
      fields: { entities: enrichment.entities.length, topics: enrichment.topics.length, language: enrichment.language },
    };
  });
}
