// Messages between ExtractorPool and its workers.
import type { Enrichment } from '../shared/types.js';
import type { ExtractOptions, ExtractResult } from './index.js';

export interface PoolRequest {
  id: number;
  html: string;
  url: string;
  opts?: ExtractOptions;
  /** Enrich the extracted article in the same worker (one trip, off the caller's event loop). */
  enrich?: boolean;
}

/** An extraction, with the article's enrichment when it was asked for and the page had one. */
export type PooledResult = ExtractResult & { enrichment?: Enrichment };

export type PoolResponse = ({ ok: true; result: PooledResult } | { ok: false; error: string }) & {
  id: number;
  heapMb?: number;
};

/** Worker argument: load the enrichment models before reporting ready. */
export const PRELOAD_ENRICHMENT_ARG = '--preload-enrichment';
