// End-to-end throughput, measured from outside the work: the wire simulator publishes N
// generated stories over F feeds from a process of its own; one lede process (all workers, as
// `npm start` runs them: embedded SQLite, real Redis) polls, fetches, extracts, enriches and
// stores them. Completion is read from the store's change log (one indexed read of the events
// since the last look), not by paging through the articles. In the same run the extraction
// pool alone extracts the same pages, so the result is a ratio that survives a busy machine.
//   npm run bench -- pipeline [--items 300] [--feeds 5] [--dom jsdom|linkedom] [--json]
// With --json the last line of stdout is one JSON object: items, seconds, itemsPerSecond,
// extractOnlyPagesPerSecond, ratio, ceilingItemsPerSecond, peakRssMb.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/shared/config.js';
import { createLogger } from '../src/shared/logger.js';
import { createRuntime } from '../src/app/runtime.js';
import { startWorkers } from '../src/workers/start.js';
import { writeFeedList } from '../src/shared/feed-list.js';
import { ExtractorPool } from '../src/extract/pool.js';
import { fetchUrl } from '../src/fetch/http.js';
import { fetchOptions } from '../src/pipeline/http-adapters.js';
import type { Store } from '../src/storage/store.js';
import { REDIS_URL, deleteKeys } from '../test/support/redis.js';
import { rssKb } from '../scripts/faults/rss.js';
import { startSimProcess } from './sim-client.js';
import { run as stageCosts } from './stages.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: 'string' },
      feeds: { type: 'string' },
      dom: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const items = Number(values.items ?? 300);
  const feedCount = Number(values.feeds ?? 5);
  const sim = await startSimProcess(items, feedCount);
  const dir = mkdtempSync(join(os.tmpdir(), 'lede-bench-'));
  const feedsFile = join(dir, 'feeds.yaml');
  writeFeedList(
    feedsFile,
    sim.feeds.map((f) => ({ ...f, interval: 3600 })),
  );
  const prefix = `lede-bench-${process.pid}`;
  const base = loadConfig({
    REDIS_URL,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_FEEDS: feedsFile,
    LEDE_REDIS_PREFIX: prefix,
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(sim.url).host,
    LEDE_LOG_LEVEL: 'silent',
    ...(values.dom ? { LEDE_EXTRACT_DOM: values.dom } : {}),
  });
  // Every simulated page is on one host: lift the politeness limits, which would otherwise be
  // what this measures.
  const config = {
    ...base,
    fetch: { ...base.fetch, perHostConcurrency: 64, perHostRatePerSecond: 10_000 },
  };

  let result: { stored: number; seconds: number; peakRssMb: number };
  try {
    result = await measurePipeline(config, sim.feeds, items);
  } finally {
    await deleteKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  }
  const extractOnly = await extractOnlyPagesPerSecond(config, sim.pages);
  await sim.close();
  const ceiling = await stageCeiling(Math.min(items, 100));

  const itemsPerSecond = result.stored / result.seconds;
  const summary = {
    items: result.stored,
    seconds: Number(result.seconds.toFixed(1)),
    itemsPerSecond: Number(itemsPerSecond.toFixed(2)),
    extractOnlyPagesPerSecond: Number(extractOnly.toFixed(2)),
    ratio: Number((itemsPerSecond / extractOnly).toFixed(3)),
    ceilingItemsPerSecond: Number(ceiling.toFixed(1)),
    peakRssMb: Math.round(result.peakRssMb),
  };
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\n## End to end over the simulator (${cpu}, ${os.cpus().length} cores, Node ${process.version}, load ${load})\n`,
  );
  console.log(
    '| items | feeds | DOM | stored | seconds | items/s | extraction alone pages/s | ratio | ceiling items/s | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${items} | ${feedCount} | ${config.extract.dom} | ${summary.items} | ${summary.seconds} | ${summary.itemsPerSecond} | ${summary.extractOnlyPagesPerSecond} | ${summary.ratio} | ${summary.ceilingItemsPerSecond} | ${summary.peakRssMb} |`,
  );
  if (values.json) console.log(JSON.stringify(summary));
}

type BenchConfig = ReturnType<typeof loadConfig>;

async function measurePipeline(config: BenchConfig, feeds: Array<{ id: string }>, items: number) {
  const rt = await createRuntime(config, createLogger('silent'));
  const running = startWorkers(rt, ['poll', 'fetch', 'enrich', 'store']);
  let peakRssKb = 0;
  const sampler = setInterval(() => (peakRssKb = Math.max(peakRssKb, rssKb(process.pid))), 500);
  try {
    const started = performance.now();
    for (const f of feeds) await rt.queues.add('poll', { feedId: f.id, trigger: 'manual' });
    const stored = await waitForStored(rt.store, items, 15 * 60_000);
    return { stored, seconds: (performance.now() - started) / 1000, peakRssMb: peakRssKb / 1024 };
  } finally {
    clearInterval(sampler);
    await running.stop();
    await rt.close();
  }
}

/** Count stored versions from the change log, reading only what is new each time. */
async function waitForStored(store: Store, items: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seq = 0;
  let stored = 0;
  while (stored < items && Date.now() < deadline) {
    const events = await store.listEvents(seq, 1000);
    for (const e of events) if (e.type === 'story.created' || e.type === 'story.updated') stored++;
    if (events.length) seq = events[events.length - 1].seq ?? seq;
    else await new Promise((r) => setTimeout(r, 100));
  }
  return stored;
}

/** The extraction pool alone, as many workers as the pipeline's, on the same pages. */
async function extractOnlyPagesPerSecond(config: BenchConfig, urls: string[]): Promise<number> {
  const opts = { ...fetchOptions(config.fetch, config.fetch.maxPageBytes), accept: 'text/html', requireHtml: true };
  const pages: Array<{ url: string; html: string }> = [];
  for (const url of urls) pages.push({ url, html: (await fetchUrl(url, opts)).body.toString('utf8') });
  const pool = new ExtractorPool(config.extract);
  try {
    // Warm: every worker has loaded jsdom before the clock starts, as in the running pipeline.
    await Promise.all(pages.slice(0, 4).map((p) => pool.extract(p.html, p.url, { dom: config.extract.dom })));
    const started = performance.now();
    await Promise.all(pages.map((p) => pool.extract(p.html, p.url, { dom: config.extract.dom })));
    return pages.length / ((performance.now() - started) / 1000);
  } finally {
    await pool.close();
  }
}

async function stageCeiling(items: number): Promise<number> {
  const costs = await stageCosts(['--items', String(items)]);
  const msPerItem = costs.reduce((s, c) => s + c.cpuMs / c.items, 0);
  return (os.availableParallelism() * 1000) / msPerItem;
}
