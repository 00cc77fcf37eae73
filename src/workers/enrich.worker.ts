// Enrich worker: glue between the enrich queue and enrichArticle.
import type { Worker } from 'bullmq';
import { enrichArticle } from '../pipeline/enrich.js';
import { startStageWorker, type StageContext } from './stage-worker.js';

export function startEnrichWorker(ctx: StageContext): Worker {
  return startStageWorker('enrich', ctx, {}, async (payload) => {
    const enrichment = enrichArticle(payload.article);
    return {
      result: { stage: 'enrich', payload, enrichment },
      outcome: 'enriched',
      fields: { entities: enrichment.entities.length, topics: enrichment.topics.length, language: enrichment.language },
    };
  });
}
