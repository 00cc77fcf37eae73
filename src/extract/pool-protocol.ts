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

/** A worker's answer; `code` names a failure the caller tells apart (lede process's line codes). */
export type PoolResponse<R = PooledResult> = ({ ok: true; result: R } | { ok: false; error: string; code?: string }) & {
  id: number;
  heapMb?: number;
};

/** Worker argument: load the enrichment models before reporting ready. */
export const PRELOAD_ENRICHMENT_ARG = '--preload-enrichment';

/**
 * A pool worker's send to its parent. A send once the parent is gone (it exited while the models
 * loaded, say) fails: the worker exits quietly rather than crash with a stack trace into the
 * terminal it shares with the parent.
 */
export function sendToParent<R>(message: PoolResponse<R> | 'ready'): void {
  process.send!(message, (err: Error | null) => {
    if (err) process.exit(0);
  });
}
