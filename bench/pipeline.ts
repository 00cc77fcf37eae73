// End-to-end throughput: the wire simulator publishes N stories over F feeds; one lede
// process (all workers, embedded SQLite, real Redis) polls, fetches, extracts, enriches and
// stores them. Reports articles/s from first poll to last store, and peak RSS.
//   npm run bench -- pipeline [--items 300] [--feeds 5] [--dom jsdom|linkedom]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/shared/config.js';
import { createLogger } from '../src/shared/logger.js';
import { createRuntime } from '../src/app/runtime.js';
import { startWorkers } from '../src/workers/start.js';
import { startWireSimulator } from '../src/simulator/server.js';
import { generateStories } from '../src/simulator/generate.js';
import { writeFeedList } from '../src/shared/feed-list.js';
import { REDIS_URL, deleteKeys } from '../test/support/redis.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { items: { type: 'string' }, feeds: { type: 'string' }, dom: { type: 'string' } },
  });
  const items = Number(values.items ?? 300);
  const feedCount = Number(values.feeds ?? 5);
  const feedIds = Array.from({ length: feedCount }, (_, i) => `bench${i}`);
  const sim = await startWireSimulator({ stories: [], feeds: feedIds });
  generateStories(items, 42).forEach((story, i) => sim.publish(story, feedIds[i % feedCount]));

  const dir = mkdtempSync(join(os.tmpdir(), 'lede-bench-'));
  const feedsFile = join(dir, 'feeds.yaml');
  writeFeedList(
    feedsFile,
    feedIds.map((id) => ({ id, url: sim.feedUrl(id), interval: 3600 })),
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
    queues: { ...base.queues, concurrency: { poll: 4, fetch: 8, enrich: 2, store: 2 } },
  };
  const rt = await createRuntime(config, createLogger('silent'));
  const running = startWorkers(rt, ['poll', 'fetch', 'enrich', 'store']);

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const started = performance.now();
  for (const id of feedIds) await rt.queues.add('poll', { feedId: id, trigger: 'manual' });
  let stored = 0;
  const deadline = Date.now() + 15 * 60_000;
  while (stored < items && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const page = await rt.store.listStories({ limit: 1 });
    stored = page.items.length ? await countArticles(rt.store) : 0;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await running.stop();
  await rt.close();
  await sim.close();
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n## End to end over the simulator (${cpu}, ${os.cpus().length} cores, Node ${process.version})\n`);
  console.log('| items | feeds | DOM | stored | seconds | articles/s | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| ${items} | ${feedCount} | ${config.extract.dom} | ${stored} | ${seconds.toFixed(1)} | ${(stored / seconds).toFixed(1)} | ${(peakRss / 1048576).toFixed(0)} |`,
  );
}

async function countArticles(store: Awaited<ReturnType<typeof createRuntime>>['store']): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listArticles({ limit: 100, cursor });
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}
