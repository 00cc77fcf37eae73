// Child-process side of ExtractorPool: runs extractArticle for each message (and enrichArticle
// on the result when asked) and reports the heap so the pool can recycle the process before it
// grows too large.
import { getHeapStatistics } from 'node:v8';
import { extractArticle } from './index.js';
import {
  PRELOAD_ENRICHMENT_ARG,
  sendToParent,
  type PoolRequest,
  type PoolResponse,
  type PooledResult,
} from './pool-protocol.js';

if (!process.send) throw new Error('extract: pool-worker must run as a forked child process');
const send = sendToParent<PooledResult>;

// The enrichment models (NER, languages, topics) load on the first request that wants them, so a
// pool that only extracts never pays for them.
let enrichModule: Promise<typeof import('../pipeline/enrich.js')> | undefined;
const loadEnrichment = () => (enrichModule ??= import('../pipeline/enrich.js'));

// Ctrl-C in a terminal signals the whole process group: the parent's shutdown decides when an
// extraction in progress ends, not the keyboard. (Without the parent the IPC channel closes and
// this process, holding nothing else open, exits: test/workers/npm-stop.test.ts.)
process.on('SIGINT', () => {});

async function handle(req: PoolRequest): Promise<PooledResult> {
  const result: PooledResult = extractArticle(req.html, req.url, req.opts);
  if (req.enrich && result.status === 'ok') {
    const { enrichArticle } = await loadEnrichment();
    result.enrichment = enrichArticle(result.article);
  }
  return result;
}

process.on('message', (req: PoolRequest) => {
  void handle(req).then(
    (result) => reply({ id: req.id, ok: true, result }),
    (err: unknown) => reply({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});

function reply(res: PoolResponse): void {
  res.heapMb = getHeapStatistics().used_heap_size / 1024 / 1024;
  send(res);
}

// A pool that will extractAndEnrich loads the models before it says it is ready.
if (process.argv.includes(PRELOAD_ENRICHMENT_ARG)) (await import('../enrich/index.js')).warmUpEnrichment();
send('ready');
