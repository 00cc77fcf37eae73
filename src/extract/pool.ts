// Runs extractArticle (ExtractorPool, and enrichArticle on its result when asked), or any worker
// module (WorkerPool; `lede process` runs extract+enrich per line), in child processes, keeping
// jsdom and the NER tagger off the caller's event loop. Processes,
// not worker threads: V8 isolates sharing one process contend on GC and allocation, so two
// threads gave ~1.4x the pages/s of one on 2 cores where two processes give ~2x. A worker is
// replaced after maxPagesPerWorker pages or once its heap passes 80% of maxHeapMb (jsdom keeps
// heap per page even after window.close()), and killed and replaced when a page hangs past
// timeoutMs or exhausts the heap limit; that call rejects and the pool goes on with the next one.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../shared/config.js';
import type { ExtractOptions, ExtractResult } from './index.js';
import { PRELOAD_ENRICHMENT_ARG, type PoolRequest, type PoolResponse, type PooledResult } from './pool-protocol.js';

export type { PooledResult } from './pool-protocol.js';

/**
 * The `extract` config slice (defaults in its schema): `workers` processes (0 = one per core),
 * each replaced after `maxPagesPerWorker` pages or past 80% of `maxHeapMb`; a page taking
 * longer than `timeoutMs` is abandoned and its worker killed.
 */
export type ExtractorPoolOptions = Pick<
  Config['extract'],
  'workers' | 'maxPagesPerWorker' | 'maxHeapMb' | 'timeoutMs'
> & {
  /** Module the worker processes run: pool-worker unless a test wraps it to inject faults. */
  workerEntry?: string;
  /**
   * Workers load the enrichment models before they take work, for a pool that will be asked to
   * extractAndEnrich: loading them on the first page counted against that page's timeout, which
   * on a busy machine it could exceed, killing the worker and its replacement in turn.
   */
  preloadEnrichment?: boolean;
};

/** Why the pool gave up on a call: `failed` is the worker's own error (its message says why). */
export type PoolErrorCode = 'failed' | 'timeout' | 'memory' | 'crashed' | 'closed';

export class PoolError extends Error {
  constructor(
    readonly code: PoolErrorCode,
    message: string,
    /** The worker's own code for a `failed` call, when it sent one. */
    readonly workerCode?: string,
  ) {
    super(message);
  }
}

interface Job<Req, Res> {
  req: Req & { id: number };
  timeoutMs: number;
  resolve(result: Res): void;
  reject(err: Error): void;
}

interface Slot<Req, Res> {
  worker: ChildProcess;
  ready: boolean;
  pages: number;
  job?: Job<Req, Res>;
  timer?: NodeJS.Timeout;
}

// A worker that cannot even start (broken install) would otherwise be respawned forever.
const MAX_FAILED_STARTS = 3;
// Recycle before the hard limit so the replacement happens between pages, not in the middle of one.
const RECYCLE_HEAP_FRACTION = 0.8;

/**
 * Child processes running `workerEntry`, which answers each `{id, ...request}` message with a
 * PoolResponse (pool-protocol.ts) and sends 'ready' once loaded. `name` prefixes the pool's own
 * error messages ("extract: timed out after ...").
 */
export class WorkerPool<Req extends object, Res> {
  private readonly size: number;
  private readonly maxPages: number;
  private readonly maxHeapMb: number;
  private readonly timeoutMs: number;
  private readonly entry: string;
  private readonly name: string;
  private readonly args: string[];
  private readonly slots = new Set<Slot<Req, Res>>();
  private readonly idle: Slot<Req, Res>[] = [];
  private readonly queue: Job<Req, Res>[] = [];
  private nextId = 1;
  private closed = false;
  private started = 0;
  private failedStarts = 0;
  /** Set once workers keep dying before they are ready (e.g. a broken install). */
  private startError?: string;

  constructor(opts: ExtractorPoolOptions & { workerEntry: string; name: string; workerArgs?: string[] }) {
    this.size = opts.workers || os.availableParallelism();
    this.maxPages = opts.maxPagesPerWorker;
    this.maxHeapMb = opts.maxHeapMb;
    this.timeoutMs = opts.timeoutMs;
    this.entry = opts.workerEntry;
    this.name = opts.name;
    this.args = opts.workerArgs ?? [];
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  /**
   * Runs one request in the next free worker, abandoning it after `timeoutMs` (the pool's own
   * by default). Rejects with a PoolError.
   */
  run(request: Req, timeoutMs = this.timeoutMs): Promise<Res> {
    if (this.closed) return Promise.reject(new PoolError('closed', `${this.name}: pool is closed`));
    if (this.startError) return Promise.reject(new PoolError('crashed', this.startError));
    const req = { ...request, id: this.nextId++ };
    return new Promise((resolve, reject) => {
      this.queue.push({ req, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers started so far, replacements included (for tests and metrics). */
  get workersStarted(): number {
    return this.started;
  }

  async close(): Promise<void> {
    this.closed = true;
    const closedError = () => new PoolError('closed', `${this.name}: pool is closed`);
    for (const job of this.queue.splice(0)) job.reject(closedError());
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    await Promise.all(
      slots.map((slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(closedError());
        return kill(slot.worker);
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length && this.idle.length) {
      const slot = this.idle.pop()!;
      const job = this.queue.shift()!;
      slot.job = job;
      hold(slot.worker, true);
      slot.timer = setTimeout(
        () => this.abandon(slot, 'timeout', `${this.name}: timed out after ${job.timeoutMs} ms`),
        job.timeoutMs,
      );
      slot.worker.send(job.req);
    }
  }

  private spawn(): void {
    const worker = startWorker(this.entry, this.args, this.maxHeapMb, this.size >= os.availableParallelism());
    const slot: Slot<Req, Res> = { worker, ready: false, pages: 0 };
    this.started++;
    this.slots.add(slot);
    worker.on('message', (res: PoolResponse<Res> | 'ready') => {
      if (res !== 'ready') return this.finish(slot, res);
      // The timeout covers a page, not the second or so a worker takes to load jsdom.
      slot.ready = true;
      this.failedStarts = 0;
      this.idle.push(slot);
      // Idle workers must not keep a caller's process alive; a busy or starting one does.
      hold(worker, false);
      this.dispatch();
    });
    worker.on('error', (err) => this.abandon(slot, 'crashed', `${this.name}: worker crashed: ${err.message}`));
    // V8 aborts a process that hits --max-old-space-size ("heap out of memory"): SIGABRT.
    worker.on('exit', (code, signal) =>
      signal === 'SIGABRT' || code === 134
        ? this.abandon(slot, 'memory', `${this.name}: worker exceeded memory limit`)
        : this.abandon(slot, 'crashed', `${this.name}: worker exited unexpectedly (${signal ?? `code ${code}`})`),
    );
  }

  private finish(slot: Slot<Req, Res>, res: PoolResponse<Res>): void {
    const job = slot.job;
    if (!job || job.req.id !== res.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.pages++;
    if (res.ok) job.resolve(res.result);
    else job.reject(new PoolError('failed', res.error, res.code));
    const worn = slot.pages >= this.maxPages || (res.heapMb ?? 0) > this.maxHeapMb * RECYCLE_HEAP_FRACTION;
    if (worn) this.replace(slot);
    else if (this.slots.has(slot)) {
      hold(slot.worker, false);
      this.idle.push(slot);
    }
    this.dispatch();
  }

  /** The worker is lost (hung, out of memory, crashed): fail its job, start a fresh one. */
  private abandon(slot: Slot<Req, Res>, code: PoolErrorCode, message: string): void {
    if (!this.slots.has(slot)) return;
    if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      this.startError = `${this.name}: workers fail to start: ${message}`;
      for (const job of this.queue.splice(0)) job.reject(new PoolError('crashed', this.startError));
      this.slots.delete(slot);
      void kill(slot.worker);
      return;
    }
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(new PoolError(code, message));
    this.replace(slot);
    this.dispatch();
  }

  private replace(slot: Slot<Req, Res>): void {
    this.slots.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    slot.worker.removeAllListeners();
    // An exit or error after this point belongs to a worker we already gave up on.
    slot.worker.on('error', () => {});
    void kill(slot.worker);
    if (!this.closed) this.spawn();
  }
}

/** Extraction in child processes: extractArticle per page, and enrichArticle when asked. */
export class ExtractorPool extends WorkerPool<Omit<PoolRequest, 'id'>, PooledResult> {
  constructor(opts: ExtractorPoolOptions) {
    super({
      ...opts,
      workerEntry: opts.workerEntry ?? workerEntry(new URL('./pool-worker.js', import.meta.url)),
      workerArgs: opts.preloadEnrichment ? [PRELOAD_ENRICHMENT_ARG] : [],
      name: 'extract',
    });
  }

  extract(html: string, url: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
    return this.run({ html, url, opts });
  }

  /**
   * Extract, then enrich the article in the same worker: the enrichment's CPU stays off the
   * caller's event loop and the article never crosses a queue between the two.
   */
  extractAndEnrich(html: string, url: string, opts: ExtractOptions = {}): Promise<PooledResult> {
    return this.run({ html, url, opts, enrich: true });
  }
}

/** The worker module to fork: the compiled .js beside the caller when built, else its .ts source. */
export function workerEntry(compiled: URL): string {
  const path = fileURLToPath(compiled);
  return existsSync(path) ? path : path.replace(/\.js$/, '.ts');
}

/**
 * From dist/ the compiled worker runs as is; from source (tsx, vitest) a .ts entry runs under
 * tsx's loader, named by absolute URL so it resolves whatever the caller's cwd. execArgv is built
 * here rather than inherited, so a parent's --inspect or vitest's flags never reach the child.
 */
function startWorker(entry: string, args: string[], maxHeapMb: number, coresTaken: boolean): ChildProcess {
  const execArgv = [`--max-old-space-size=${maxHeapMb}`];
  // With a worker per core, V8's parallel GC helper threads only steal CPU from the other
  // workers: jsdom on 2 cores went from ~56 to ~63 pages/s with 2 workers. A lone worker
  // gains from them (an idle core to use), so it keeps them.
  if (coresTaken) execArgv.push('--single-threaded-gc');
  if (entry.endsWith('.ts')) execArgv.push('--import', tsxLoaderUrl());
  return fork(entry, args, {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** A busy worker keeps the parent alive; an idle one, and its IPC channel, must not. */
function hold(worker: ChildProcess, busy: boolean): void {
  if (busy) {
    worker.ref();
    worker.channel?.ref();
  } else {
    worker.unref();
    worker.channel?.unref();
  }
}

function kill(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    // An unref'd child would let the caller's process exit before close() resolves.
    worker.ref();
    worker.kill('SIGKILL');
  });
}

// tsx's ESM loader (what `--import tsx` loads), found through tsx's own export map.
function tsxLoaderUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: { '.': string } };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['.'])).href;
}
