// Load: a burst of new items over many feeds, through real lede processes, checked exactly once.
//   npm run bench -- load [--items 2000] [--feeds 50] [--deployment split|single]
//   split  (default): 2 processes per stage (poll, fetch, enrich, store), PostgreSQL (a fresh
//          database on FAULTS_PG_URL, default postgres://postgres@127.0.0.1:5432/test)
//   single: the embedded default, `npm start` (one process: every stage, API, stream) on SQLite
// Both use a Redis of their own (port 6393, AOF on) so INFO memory is the pipeline's alone.
// Reports items/s end to end, publish → stored latency (article createdAt minus the simulator's
// publish time), RSS per process (at 25 % and 100 % stored, and peak), Redis memory, and the
// deepest queue backlog, then checks every item is stored once.
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startWireSimulator } from '../src/simulator/server.js';
import { Deployment, type LedeProcess } from '../scripts/faults/deployment.js';
import { rssKb } from '../scripts/faults/rss.js';
import { freshDatabase, type Database } from '../scripts/faults/postgres.js';
import { startOwnRedis } from '../scripts/faults/redis-server.js';
import { Ledger, articleReader, percentile } from '../scripts/faults/ledger.js';
import { sleep, waitUntil } from '../scripts/faults/wait.js';

const stages = ['poll', 'fetch', 'enrich', 'store'] as const;
const mb = (kb: number) => (kb / 1024).toFixed(0);

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: 'string' },
      feeds: { type: 'string' },
      deployment: { type: 'string' },
      'timeout-minutes': { type: 'string' },
    },
  });
  const items = Number(values.items ?? 2000);
  const feedCount = Number(values.feeds ?? 50);
  const mode = values.deployment ?? 'split';
  if (mode !== 'split' && mode !== 'single') throw new Error('load: --deployment is split or single');
  const timeoutMs = Number(values['timeout-minutes'] ?? 30) * 60_000;

  const feedIds = Array.from({ length: feedCount }, (_, i) => `load${i}`);
  const sim = await startWireSimulator({ stories: [], feeds: feedIds });
  const redis = await startOwnRedis(6393);
  let db: Database | undefined;
  let dep: Deployment | undefined;
  try {
    db = mode === 'split' ? await freshDatabase() : undefined;
    // Every page is on one host (127.0.0.1): lift the politeness limits, or they are what this measures.
    const config = {
      fetch: { perHostConcurrency: 64, perHostRatePerSecond: 10_000 },
      extract: { workers: mode === 'split' ? 1 : 0 },
    };
    dep = new Deployment({
      redisUrl: redis.url,
      databaseUrl: (dir) => db?.url ?? `sqlite:${join(dir, 'lede.db')}`,
      feeds: feedIds.map((id) => ({ id, url: sim.feedUrl(id) })),
      allowHost: new URL(sim.url).host,
      config,
      env: { LEDE_LOG_LEVEL: 'warn' },
    });
    const databaseUrl = dep.env.DATABASE_URL;

    const procs: LedeProcess[] =
      mode === 'split'
        ? stages.flatMap((s) => [dep!.spawn(s), dep!.spawn(s)])
        : [dep.spawnEntry('all-in-one', 'src/main.ts', [], { LEDE_API_PORT: '0' })];
    // Let every process start (tsx compile, migrations) before the clock starts. Split: eight
    // processes compile at once and one of them migrates PostgreSQL, which on a busy machine takes
    // far longer than any fixed pause, so wait for the articles table, then for the rest to settle.
    const reader = articleReader(databaseUrl);
    if (mode === 'split') {
      await waitUntil(
        'the store to be migrated',
        () =>
          reader.rows().then(
            () => true,
            () => false,
          ),
        300_000,
        1_000,
      );
      await sleep(5_000);
    } else await sleep(8_000);

    const ledger = new Ledger(sim, items, 42);
    const started = Date.now();
    for (let i = 0; i < items; i++) ledger.publishStory(feedIds[i % feedCount]);
    const stopPolling = dep.pollEvery(2_000);

    const monitor = new Redis(redis.url);
    const peakRss = new Map<number, number>();
    const rssAt25 = new Map<number, number>();
    let peakBacklog = 0;
    let stored = 0;
    while (stored < items && Date.now() - started < timeoutMs) {
      await sleep(1_000);
      stored = (await reader.rows()).length;
      for (const p of procs) peakRss.set(p.pid, Math.max(peakRss.get(p.pid) ?? 0, rssKb(p.pid)));
      if (rssAt25.size === 0 && stored >= items / 4) for (const p of procs) rssAt25.set(p.pid, rssKb(p.pid));
      let backlog = 0;
      for (const s of stages.slice(1)) {
        const c = await dep.counts(s);
        backlog += c.waiting + c.active + c.delayed + c.prioritized;
      }
      peakBacklog = Math.max(peakBacklog, backlog);
    }
    const seconds = (Date.now() - started) / 1000;
    const rssAt100 = new Map(procs.map((p) => [p.pid, rssKb(p.pid)]));
    stopPolling();
    await sleep(3_000);
    const verdict = ledger.check(await reader.rows());
    let left = 0;
    for (const s of stages.slice(1)) {
      const c = await dep.counts(s);
      left += c.waiting + c.active + c.delayed + c.prioritized;
    }
    const failed = (await Promise.all(stages.map((s) => dep!.counts(s)))).reduce((n, c) => n + c.failed, 0);
    const info = await monitor.info('memory');
    const redisPeak = /used_memory_peak_human:(\S+)/.exec(info)?.[1] ?? '?';
    const redisNow = /used_memory_human:(\S+)/.exec(info)?.[1] ?? '?';
    await reader.close();
    monitor.disconnect();

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const deployment = mode === 'split' ? '2 processes per stage, PostgreSQL' : 'single process (npm start), SQLite';
    console.log(
      `\n## Load: ${items} new items over ${feedCount} feeds, ${deployment} (${cpu}, ${os.cpus().length} cores, Node ${process.version})\n`,
    );
    console.log(
      '| deployment | published | stored | duplicated | lost | failed jobs | seconds | items/s | p50 latency | p99 latency | peak backlog | backlog at end | Redis used / peak |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${deployment} | ${verdict.published} | ${verdict.stored} | ${verdict.duplicated} | ${verdict.lost} | ${failed} | ${seconds.toFixed(0)} | ${(verdict.stored / seconds).toFixed(1)} | ${(percentile(verdict.latenciesMs, 50) / 1000).toFixed(1)} s | ${(percentile(verdict.latenciesMs, 99) / 1000).toFixed(1)} s | ${peakBacklog} | ${left} | ${redisNow} / ${redisPeak} |`,
    );
    console.log('\n| process | RSS at 25 % stored (MB) | RSS at 100 % (MB) | peak RSS (MB) |');
    console.log('|---|---|---|---|');
    for (const p of procs)
      console.log(
        `| ${p.name} (pid ${p.pid}) | ${mb(rssAt25.get(p.pid) ?? 0)} | ${mb(rssAt100.get(p.pid) ?? 0)} | ${mb(peakRss.get(p.pid) ?? 0)} |`,
      );
    if (verdict.problems.length) console.log(`\nproblems: ${verdict.problems.join('; ')}`);
  } finally {
    await dep?.destroy();
    await db?.drop();
    await redis.destroy();
    await sim.close();
  }
}
