// Child-process side of ExtractorPool: runs extractArticle for each message and reports the
// heap so the pool can recycle the process before it grows too large.
import { getHeapStatistics } from 'node:v8';
import { extractArticle } from './index.js';
import type { PoolRequest, PoolResponse } from './pool-protocol.js';

if (!process.send) throw new Error('extract: pool-worker must run as a forked child process');
const send = process.send.bind(process);

// Ctrl-C in a terminal signals the whole process group: the parent's shutdown decides when an
// extraction in progress ends, not the keyboard. (Without the parent the IPC channel closes and
// this process, holding nothing else open, exits: test/workers/npm-stop.test.ts.)
process.on('SIGINT', () => {});

process.on('message', (req: PoolRequest) => {
  let res: PoolResponse;
  try {
    res = { id: req.id, ok: true, result: extractArticle(req.html, req.url, req.opts) };
  } catch (err) {
    res = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  res.heapMb = getHeapStatistics().used_heap_size / 1024 / 1024;
  send(res);
});
send('ready');
