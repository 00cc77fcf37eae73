// The pipeline graph in one function: given a stage's outcome, which jobs come next.
//   poll    ok          → one fetch job per feed item
//   fetch   extracted   → enrich, or straight to store when the pool enriched it already
//   fetch   withdrawn   → store (withdraw)
//   enrich              → store
//   store               → nothing (the change event is written with the record)
import type { Enrichment } from '../shared/types.js';
import type { PollOutcome } from './poll.js';
import type { FetchOutcome } from './fetch.js';
import type { EnrichPayload, FetchPayload, StageJob } from '../queues/payloads-of.js';

export type StageResult =
  | { stage: 'poll'; outcome: PollOutcome }
  | { stage: 'fetch'; payload: FetchPayload; outcome: FetchOutcome; fetchedAt: string }
  | { stage: 'enrich'; payload: EnrichPayload; enrichment: Enrichment }
  | { stage: 'store' };

export function nextJobs(result: StageResult): StageJob[] {
  switch (result.stage) {
    case 'poll':
      return result.outcome.status === 'ok' ? result.outcome.jobs.map((payload) => ({ stage: 'fetch', payload })) : [];
    case 'fetch': {
      const { item: _item, ...ref } = result.payload;
      if (result.outcome.status === 'extracted') {
        const { article, enrichment } = result.outcome;
        const enrichPayload = { ...ref, article, fetchedAt: result.fetchedAt };
        return enrichment
          ? [{ stage: 'store', payload: { ...enrichPayload, action: 'store', enrichment } }]
          : [{ stage: 'enrich', payload: enrichPayload }];
      }
      if (result.outcome.status === 'withdrawn') {
        return [{ stage: 'store', payload: { ...ref, action: 'withdraw', reason: result.outcome.reason } }];
      }
      return [];
    }
    case 'enrich':
      return [{ stage: 'store', payload: { ...result.payload, action: 'store', enrichment: result.enrichment } }];
    case 'store':
      return [];
  }
}
