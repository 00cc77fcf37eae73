// Messages between ExtractorPool and its workers.
import type { ExtractOptions, ExtractResult } from './index.js';

export interface PoolRequest {
  id: number;
  html: string;
  url: string;
  opts?: ExtractOptions;
}

/** A worker's answer; `code` names a failure the caller tells apart (lede process's line codes). */
export type PoolResponse<R = ExtractResult> = (
  { ok: true; result: R } | { ok: false; error: string; code?: string }
) & {
  id: number;
  heapMb?: number;
};
