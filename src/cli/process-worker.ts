// Child-process side of `lede process --concurrency N`: extracts and enriches one line per
// message (prepareLine) and sends back the article with its enrichment; the parent stores the
// lines in input order. The models load before 'ready', so a line's time limit covers the line,
// not the second or two a fresh worker spends loading the tagger.
import { getHeapStatistics } from 'node:v8';
import { extractArticle } from '../extract/index.js';
import { sendToParent, type PoolResponse } from '../extract/pool-protocol.js';
import { warmUpEnrichment } from '../enrich/index.js';
import { LineError, prepareLine, type PreparedLine } from './process-line.js';
import type { PrepareRequest } from './process-pool.js';

if (!process.send) throw new Error('process: process-worker must run as a forked child process');
const send = sendToParent<PreparedLine>;

// Ctrl-C in a terminal signals the whole process group: the parent decides when the run ends.
process.on('SIGINT', () => {});

const inProcess = (html: string, url: string, opts: Parameters<typeof extractArticle>[2]) =>
  Promise.resolve(extractArticle(html, url, opts));

process.on('message', (req: PrepareRequest & { id: number }) => {
  void prepareLine(req.line, req.dom, inProcess).then(
    (result) => reply({ id: req.id, ok: true, result }),
    (err: unknown) =>
      reply({
        id: req.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
        code: err instanceof LineError ? err.code : undefined,
      }),
  );
});

function reply(res: PoolResponse<PreparedLine>): void {
  res.heapMb = getHeapStatistics().used_heap_size / 1024 / 1024;
  send(res);
}

// Load the enrichment models and the sanitizer's DOM now rather than on line one.
warmUpEnrichment();
try {
  extractArticle('<html><body><article><p>Warm-up.</p></article></body></html>', 'https://warm.up/');
} catch {
  // only the loading matters
}
send('ready');
