// Messages between ExtractorPool and its workers.
import type { ExtractOptions, ExtractResult } from './index.js';

export interface PoolRequest {
  id: number;
  html: string;
  url: string;
  opts?: ExtractOptions;
}

export type PoolResponse = ({ ok: true; result: ExtractResult } | { ok: false; error: string }) & {
  id: number;
  heapMb?: number;
};
