// The real `lede process` worker (src/cli/process-worker.ts) with one fault no small real page
// produces reliably: a line whose URL's host is hang.fault blocks the worker for good, like a page
// that hangs the parser (in Atomics.wait, so the wait burns no core the other tests need).
// It runs first on each message, so the real worker never sees the faulty line.
import '../../src/cli/process-worker.js';
import type { PrepareRequest } from '../../src/cli/process-pool.js';

process.prependListener('message', (message) => {
  const url = (message as PrepareRequest).line.url;
  if (url && new URL(url).hostname === 'hang.fault') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
