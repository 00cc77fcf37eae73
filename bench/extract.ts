// `npm run bench -- extract [DIR] [--pages N]`: extraction throughput through ExtractorPool,
// per DOM setting, with 1 worker and with one per core. Pages from DIR (default
// fixtures/pages) are reused round-robin; each worker lane keeps one page in flight, so the
// latency is a page's own time (plus message passing), not queueing.
// `npm run bench -- extract --memory 20000 [--dom jsdom]`: runs that many extractions and
// compares RSS after the first 1,000 with RSS at the end (recycling must keep it flat).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DomKind } from '../src/extract/dom.js';
import { ExtractorPool } from '../src/extract/pool.js';
import { configSchema } from '../src/shared/config.js';
import { rssKb } from '../scripts/faults/rss.js';

interface Page {
  html: string;
  url: string;
}

export async function run(args: string[]): Promise<void> {
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'fixtures/pages';
  const pages = loadPages(dir);
  const cores = os.availableParallelism();
  // Other work on the machine skews throughput; the load average says how much there was.
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`Machine: ${os.cpus()[0].model}, ${cores} cores, Node ${process.version}, load average ${load}`);
  console.log(
    `Pages: ${pages.length} from ${dir}, mean ${Math.round(pages.reduce((s, p) => s + p.html.length, 0) / pages.length / 1024)} KB\n`,
  );

  const memoryRuns = numberArg(args, '--memory');
  if (memoryRuns) return memoryMode(pages, memoryRuns, (argValue(args, '--dom') ?? 'jsdom') as DomKind, cores);

  const total = numberArg(args, '--pages') ?? 300;
  const before = await cpuScaling(cores);
  const rows: string[] = [];
  for (const dom of ['jsdom', 'linkedom'] as const) {
    for (const workers of [...new Set([1, cores])]) {
      const r = await throughput(pages, dom, workers, total);
      rows.push(
        `| ${dom} | ${workers} | ${r.pagesPerSec.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.peakRssMb.toFixed(0)} |`,
      );
      console.error(`done: ${dom} x${workers}`);
    }
  }
  console.log(`Extraction through ExtractorPool, ${total} pages per run\n`);
  console.log(
    `Parallel ceiling: ${cores} threads of a pure CPU loop ran at ${before.toFixed(2)}x (before) and ${(await cpuScaling(cores)).toFixed(2)}x (after) the throughput of one\n`,
  );
  console.log('| DOM | workers | pages/s | p50 ms | p99 ms | peak RSS MB |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

async function throughput(pages: Page[], dom: DomKind, workers: number, total: number) {
  const pool = new ExtractorPool({ ...configSchema.parse({}).extract, workers });
  const rss = sampleRss();
  try {
    // Start and warm every worker (one pass over the pages, so the JIT has seen them) before
    // the clock: startup is paid once per 500 pages, not per page.
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (const page of pages) await pool.extract(page.html, page.url, { dom }).catch(() => undefined);
      }),
    );
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < total) {
        const page = pages[next++ % pages.length];
        const t = performance.now();
        await pool.extract(page.html, page.url, { dom }).catch(() => undefined);
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: workers }, lane));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      pagesPerSec: total / elapsed,
      p50: latencies[Math.floor(latencies.length * 0.5)],
      p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
      peakRssMb: rss.stop() / 1024 / 1024,
    };
  } finally {
    rss.stop();
    await pool.close();
  }
}

async function memoryMode(pages: Page[], total: number, dom: DomKind, workers: number): Promise<void> {
  const pool = new ExtractorPool({ ...configSchema.parse({}).extract, workers });
  const mb = (b: number) => (b / 1048576).toFixed(0);
  // Workers are recycled every 500 pages, so RSS is a sawtooth; each figure is the peak over a
  // window of 1,000 pages, which compares like with like whatever the phase of the recycling.
  const windows: number[] = [];
  let windowPeak = 0;
  const timer = setInterval(() => {
    windowPeak = Math.max(windowPeak, treeRss());
  }, 20);
  let sent = 0;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  try {
    const lane = async () => {
      while (sent < total) {
        const page = pages[sent++ % pages.length];
        await pool.extract(page.html, page.url, { dom }).catch(() => failed++);
        // Counted on completion, so each window closes exactly once.
        if (++done % 1000 === 0) {
          windows.push(Math.max(windowPeak, treeRss()));
          windowPeak = 0;
          console.error(`${done} pages, peak RSS in window ${mb(windows[windows.length - 1])} MB`);
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    clearInterval(timer);
    await pool.close();
  }
  const first = windows[0];
  const last = windows[windows.length - 1];
  const growth = (last - first) / first;
  console.log(
    `Memory: ${total} extractions, ${dom}, ${workers} workers, ${((performance.now() - started) / 1000).toFixed(0)} s, ${failed} failed\n`,
  );
  console.log(
    '| peak RSS, pages 1-1,000 MB | peak RSS, last 1,000 pages MB | highest window MB | change | within 20% |',
  );
  console.log('|---|---|---|---|---|');
  console.log(
    `| ${mb(first)} | ${mb(last)} | ${mb(Math.max(...windows))} | ${(growth * 100).toFixed(1)}% | ${Math.abs(growth) <= 0.2 ? 'yes' : 'no'} |`,
  );
}

/**
 * What the machine gives right now: throughput of `n` threads of a busy loop relative to one.
 * On a shared box this, not the pool, bounds how far extraction can scale.
 */
async function cpuScaling(n: number): Promise<number> {
  const loop = `const { parentPort } = require('node:worker_threads'); let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; parentPort.postMessage(x);`;
  const wall = async (threads: number) => {
    const t = performance.now();
    await Promise.all(
      Array.from(
        { length: threads },
        () => new Promise((done) => new Worker(loop, { eval: true }).once('message', done)),
      ),
    );
    return performance.now() - t;
  };
  const one = await wall(1);
  return (n * one) / (await wall(n));
}

/** Peak RSS of this process and its worker processes, sampled every 20 ms. */
function sampleRss() {
  let peak = treeRss();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss());
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRss());
    },
  };
}

/** RSS in bytes of this process plus its children (the pool's workers are processes). */
const treeRss = () => rssKb(process.pid) * 1024;

function loadPages(dir: string): Page[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({
      html: readFileSync(join(dir, f), 'utf8'),
      url: (JSON.parse(readFileSync(join(dir, f.replace(/\.html$/, '.json')), 'utf8')) as { url: string }).url,
    }));
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function numberArg(args: string[], name: string): number | undefined {
  const v = argValue(args, name);
  return v ? Number(v) : undefined;
}
