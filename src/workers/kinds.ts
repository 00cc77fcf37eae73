// The kinds of worker process lede runs; docker compose runs one service per kind.
// `scheduler` upserts the feed job schedulers from the feed list (run once, not per replica).
export const workerKinds = ['scheduler', 'poll', 'fetch', 'enrich', 'store'] as const;
export type WorkerKind = (typeof workerKinds)[number];

export function isWorkerKind(value: string): value is WorkerKind {
  return (workerKinds as readonly string[]).includes(value);
}
