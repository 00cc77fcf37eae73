// Runs extractArticle on worker threads, keeping jsdom off the caller's event loop. A worker is
// replaced after maxPagesPerWorker pages or once its heap passes maxHeapMb (jsdom keeps heap per
// page even after window.close()), and killed and replaced when a page hangs past timeoutMs or
// exhausts the heap limit; that call rejects and the pool goes on with the next one.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtractOptions, ExtractResult } from './index.js';
import type { PoolRequest, PoolResponse, TestFaults } from './pool-protocol.js';

export interface ExtractorPoolOptions {
  /** Worker threads. Default os.availableParallelism(). */
  size?: number;
  /** Pages a worker extracts before it is replaced. Default 500. */
  maxPagesPerWorker?: number;
  /** Heap limit per worker (V8 old generation); a worker past 80% of it is replaced. Default 512. */
  maxHeapMb?: number;
  /** A page taking longer is abandoned and its worker killed. Default 30000. */
  timeoutMs?: number;
}

interface Job {
  req: PoolRequest;
  resolve(result: ExtractResult): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  pages: number;
  job?: Job;
  timer?: NodeJS.Timeout;
}

// A worker that cannot even start (broken install) would otherwise be respawned forever.
const MAX_FAILED_STARTS = 3;
// Recycle before the hard limit so the replacement happens between pages, not in the middle of one.
const RECYCLE_HEAP_FRACTION = 0.8;

export class ExtractorPool {
  private readonly size: number;
  private readonly maxPages: number;
  private readonly maxHeapMb: number;
  private readonly timeoutMs: number;
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private started = 0;
  private failedStarts = 0;
  /** Set once workers keep dying before they are ready (e.g. a broken install). */
  private startError?: string;

  constructor(opts: ExtractorPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? os.availableParallelism());
    this.maxPages = opts.maxPagesPerWorker ?? 500;
    this.maxHeapMb = opts.maxHeapMb ?? 512;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  extract(html: string, url: string, opts: ExtractOptions & TestFaults = {}): Promise<ExtractResult> {
    if (this.closed) return Promise.reject(new Error('extract: pool is closed'));
    if (this.startError) return Promise.reject(new Error(this.startError));
    const { __testHangMs, __testAllocateMb, ...extractOpts } = opts;
    const req: PoolRequest = { id: this.nextId++, html, url, opts: extractOpts };
    if (__testHangMs || __testAllocateMb) req.faults = { __testHangMs, __testAllocateMb };
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers started so far, replacements included (for tests and metrics). */
  get workersStarted(): number {
    return this.started;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('extract: pool is closed'));
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    await Promise.all(
      slots.map((slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(new Error('extract: pool is closed'));
        return slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length && this.idle.length) {
      const slot = this.idle.pop()!;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.abandon(slot, `extract: timed out after ${this.timeoutMs} ms`), this.timeoutMs);
      slot.worker.postMessage(job.req);
    }
  }

  private spawn(): void {
    const worker = startWorker({ maxOldGenerationSizeMb: this.maxHeapMb });
    const slot: Slot = { worker, ready: false, pages: 0 };
    this.started++;
    this.slots.add(slot);
    worker.on('message', (res: PoolResponse | 'ready') => {
      if (res !== 'ready') return this.finish(slot, res);
      // The timeout covers a page, not the second or so a worker takes to load jsdom.
      slot.ready = true;
      this.failedStarts = 0;
      this.idle.push(slot);
      // Idle workers must not keep a caller's process alive; a busy or starting one does.
      worker.unref();
      this.dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const message =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'extract: worker exceeded memory limit'
          : `extract: worker crashed: ${err.message}`;
      this.abandon(slot, message);
    });
    worker.on('exit', () => this.abandon(slot, 'extract: worker exited unexpectedly'));
  }

  private finish(slot: Slot, res: PoolResponse): void {
    const job = slot.job;
    if (!job || job.req.id !== res.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.pages++;
    if (res.ok) job.resolve(res.result);
    else job.reject(new Error(res.error));
    const worn = slot.pages >= this.maxPages || (res.heapMb ?? 0) > this.maxHeapMb * RECYCLE_HEAP_FRACTION;
    if (worn) this.replace(slot);
    else if (this.slots.has(slot)) {
      slot.worker.unref();
      this.idle.push(slot);
    }
    this.dispatch();
  }

  /** The worker is lost (hung, out of memory, crashed): fail its job, start a fresh one. */
  private abandon(slot: Slot, message: string): void {
    if (!this.slots.has(slot)) return;
    if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      this.startError = `extract: workers fail to start: ${message}`;
      for (const job of this.queue.splice(0)) job.reject(new Error(this.startError));
      this.slots.delete(slot);
      void slot.worker.terminate();
      return;
    }
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(new Error(message));
    this.replace(slot);
    this.dispatch();
  }

  private replace(slot: Slot): void {
    this.slots.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    slot.worker.removeAllListeners();
    // An exit or error after this point belongs to a worker we already gave up on.
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    if (!this.closed) this.spawn();
  }
}

const compiledEntry = new URL('./pool-worker.js', import.meta.url);
const sourceEntry = new URL('./pool-worker.ts', import.meta.url);

/**
 * From dist/ the compiled worker runs as is. From source (tsx, vitest) there is no .js next to
 * this file, so the worker first registers tsx's loader and then imports the .ts entry;
 * `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20.
 */
function startWorker(resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  if (existsSync(fileURLToPath(compiledEntry))) return new Worker(compiledEntry, { resourceLimits });
  const tsxApi = tsxEsmApiUrl();
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(sourceEntry.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits });
}

// The ESM build of `tsx/esm/api`, found through tsx's own export map (require.resolve would
// give the CommonJS build, which cannot register ESM hooks from an eval worker).
function tsxEsmApiUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
}
