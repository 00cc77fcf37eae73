// The real extraction worker (src/extract/pool-worker.ts) with two faults no small real page
// produces reliably, chosen by the page URL's host, for the pool's tests:
//   hang.fault   the thread blocks for good, like a page that hangs the parser (blocked in
//                Atomics.wait rather than spinning, so the wait burns no core the other tests need)
//   oom.fault    memory is taken until the heap limit kills the process
// It runs first on each message, so the real worker never sees a faulty page.
import '../../src/extract/pool-worker.js';
import type { PoolRequest } from '../../src/extract/pool-protocol.js';

process.prependListener('message', (message) => {
  const host = new URL((message as PoolRequest).url).hostname;
  if (host === 'hang.fault') {
    // Synchronous and never woken: the event loop is stuck as in a parse that does not yield.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  if (host === 'oom.fault') {
    // In 32 MB arrays: the heap reaches its limit in a few allocations, with few collections.
    const hold: number[][] = [];
    for (;;) hold.push(new Array<number>(4 * 1024 * 1024).fill(hold.length));
  }
});
