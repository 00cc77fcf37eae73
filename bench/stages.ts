// `npm run bench -- stages [--items 300]`: what each stage costs in CPU per item, on the same
// generated items, and the throughput ceiling those costs allow on this machine's cores.
// Each stage runs alone over every item in this process (the simulator serves from a process of
// its own, so its CPU is not counted) and is timed with process.cpuUsage(): user + system CPU of
// the whole process, GC and libuv threads included. The ceiling assumes the stages spread over
// every core with nothing lost to coordination: items/s = cores × 1000 / (sum of ms per item).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/shared/config.js';
import { fetchUrl } from '../src/fetch/http.js';
import { fetchOptions } from '../src/pipeline/http-adapters.js';
import { parseFeed } from '../src/feeds/parse.js';
import { extractArticle } from '../src/extract/index.js';
import { enrichArticle } from '../src/pipeline/enrich.js';
import { storeArticle } from '../src/pipeline/store.js';
import { openStore } from '../src/storage/index.js';
import type { ExtractedArticle, Enrichment } from '../src/shared/types.js';
import { startSimProcess } from './sim-client.js';

interface StageCost {
  stage: string;
  cpuMs: number;
  items: number;
}

/** CPU milliseconds `fn` takes, awaited. */
async function cpuMs(fn: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export async function run(args: string[]): Promise<StageCost[]> {
  const { values } = parseArgs({ args, options: { items: { type: 'string' }, feeds: { type: 'string' } } });
  const items = Number(values.items ?? 300);
  const sim = await startSimProcess(items, Number(values.feeds ?? 5));
  const dir = mkdtempSync(join(os.tmpdir(), 'lede-bench-stages-'));
  const config = loadConfig({ LEDE_FETCH_ALLOW_PRIVATE_HOSTS: new URL(sim.url).host, LEDE_LOG_LEVEL: 'silent' });
  const pageOpts = { ...fetchOptions(config.fetch, config.fetch.maxPageBytes), accept: 'text/html', requireHtml: true };
  const feedOpts = fetchOptions(config.fetch, config.feeds.maxBytes);
  const costs: StageCost[] = [];
  try {
    // Feed parse: each feed parsed as often as it takes to cover every item once.
    const feeds = await Promise.all(sim.feeds.map(async (f) => ({ ...f, res: await fetchUrl(f.url, feedOpts) })));
    let parsedItems = 0;
    costs.push({
      stage: 'feed parse',
      items,
      cpuMs: await cpuMs(async () => {
        for (const f of feeds) {
          const parsed = await parseFeed(f.res.body, { baseUrl: f.url, contentType: f.res.contentType });
          parsedItems += parsed.items.length;
        }
      }),
    });
    if (parsedItems < items) throw new Error(`bench: feeds listed ${parsedItems} of ${items} items`);

    const pages: Array<{ url: string; html: string }> = [];
    costs.push({
      stage: 'fetch (HTTP GET, address guard)',
      items,
      cpuMs: await cpuMs(async () => {
        for (const url of sim.pages) pages.push({ url, html: (await fetchUrl(url, pageOpts)).body.toString('utf8') });
      }),
    });

    const articles: ExtractedArticle[] = [];
    costs.push({
      stage: 'extract (Readability on jsdom, metadata, cleanup)',
      items,
      cpuMs: await cpuMs(() => {
        for (const page of pages) {
          const result = extractArticle(page.html, page.url, { dom: config.extract.dom });
          if (result.status !== 'ok') throw new Error(`bench: ${page.url} not extracted: ${result.reason}`);
          articles.push(result.article);
        }
      }),
    });

    const enrichments: Enrichment[] = [];
    costs.push({
      stage: 'enrich (language, entities, topics, keywords)',
      items,
      cpuMs: await cpuMs(() => {
        for (const article of articles) enrichments.push(enrichArticle(article));
      }),
    });

    const store = await openStore(`sqlite:${join(dir, 'lede.db')}`);
    await store.migrate();
    const now = () => new Date();
    costs.push({
      stage: 'match and write (SQLite)',
      items,
      cpuMs: await cpuMs(async () => {
        for (let i = 0; i < articles.length; i++) {
          await storeArticle(
            store,
            {
              feedId: 'bench',
              url: pages[i].url,
              itemKey: pages[i].url,
              article: articles[i],
              enrichment: enrichments[i],
              fetchedAt: now().toISOString(),
            },
            { thresholds: config.dedupe, now },
          );
        }
      }),
    });
    await store.close();
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report(costs);
  return costs;
}

function report(costs: StageCost[]): void {
  const cores = os.availableParallelism();
  const total = costs.reduce((s, c) => s + c.cpuMs / c.items, 0);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\n## Stage costs (${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, Node ${process.version}, load average ${load})\n`,
  );
  console.log('| stage | CPU ms per item | share | ceiling items/s on all cores (this stage alone) |');
  console.log('|---|---|---|---|');
  for (const c of costs) {
    const ms = c.cpuMs / c.items;
    console.log(
      `| ${c.stage} | ${ms.toFixed(2)} | ${((100 * ms) / total).toFixed(0)}% | ${((cores * 1000) / ms).toFixed(0)} |`,
    );
  }
  console.log(`| **all stages** | **${total.toFixed(2)}** | 100% | **${((cores * 1000) / total).toFixed(1)}** |`);
  console.log(
    `\nCeiling: ${cores} cores × 1000 ms / ${total.toFixed(2)} ms per item = ${((cores * 1000) / total).toFixed(1)} items/s, ` +
      `if every stage spread over every core with nothing lost to queues, IPC or waiting.`,
  );
}
