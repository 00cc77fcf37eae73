// The worker processes of `lede process`: each extracts and enriches a line (process-worker.ts);
// the same recycling, heap limit and per-line time limit as the extraction pool.
import type { Config } from '../shared/config.js';
import { WorkerPool, workerEntry } from '../extract/pool.js';
import type { InputLine, PreparedLine } from './process-line.js';

export interface PrepareRequest {
  line: InputLine;
  dom: 'jsdom' | 'linkedom';
}

export function startProcessPool(
  extract: Config['extract'],
  workers: number,
  timeoutMs: number,
  entry = workerEntry(new URL('./process-worker.js', import.meta.url)),
): WorkerPool<PrepareRequest, PreparedLine> {
  return new WorkerPool<PrepareRequest, PreparedLine>({
    ...extract,
    workers,
    timeoutMs,
    workerEntry: entry,
    name: 'process',
  });
}
