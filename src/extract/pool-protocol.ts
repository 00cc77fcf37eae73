// Messages between ExtractorPool and its workers.
import type { ExtractOptions, ExtractResult } from './index.js';

/** Test-only faults a worker injects before extracting. */
export interface TestFaults {
  /** Block the worker's thread this long, like a page that hangs the parser. */
  __testHangMs?: number;
  /** Allocate this many MB and keep them, like a page that blows up the heap. */
  __testAllocateMb?: number;
}

export interface PoolRequest {
  id: number;
  html: string;
  url: string;
  opts?: ExtractOptions;
  faults?: TestFaults;
}

export type PoolResponse = ({ ok: true; result: ExtractResult } | { ok: false; error: string }) & {
  id: number;
  heapMb?: number;
};
