// `npm run bench -- dedupe [--sizes 10000,1000000] [--queries 300] [--keep]`: story-candidate
// lookup time per article against the real SQLite store with N stored fingerprints.
//
// The stored rows (bench/dedupe-rows.ts) are real fingerprints of generated wire stories. The
// load goes straight into the migrated file through the store's own row mapping, in one
// transaction, with the fingerprints computed on worker threads, the secondary indexes dropped
// and rebuilt from their own DDL afterwards and the band rows sorted before they enter the band
// index (store.ingest row by row would take hours); the fingerprints are most of the load, about
// 2 CPU ms a row. Lookups then go through store.ingest(tx => tx.findCandidates(...)) with the
// query keys assignStory builds, exactly as the store stage runs them: half are a new version of
// an article of the latest day, half new stories.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateStories } from '../src/simulator/generate.js';
import type { SimStory } from '../src/simulator/types.js';
import { openStore } from '../src/storage/index.js';
import { defaultThresholds } from '../src/stories/match.js';
import {
  CHUNK,
  PER_DAY,
  chunkStories,
  dayOf,
  newVersion,
  prng,
  queryKeys,
  rowId,
  type BenchRow,
} from './dedupe-rows.js';

/** Chunks of rows computed on worker threads, handed over in order. */
function rowSource(size: number): { next(chunk: number): Promise<BenchRow[]>; close(): Promise<void> } {
  const entry = new URL('./dedupe-rows.ts', import.meta.url).href;
  // tsx's hooks do not reach worker threads by themselves: the worker registers them first.
  const workers = Array.from(
    { length: Math.max(1, os.cpus().length) },
    () =>
      new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, {
        eval: true,
      }),
  );
  const pending = new Map<number, Promise<BenchRow[]>>();
  const chunks = Math.ceil(size / CHUNK);
  let asked = 0;
  const ask = () => {
    if (asked >= chunks) return;
    const chunk = asked++;
    const worker = workers[chunk % workers.length];
    pending.set(
      chunk,
      new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    );
    worker.postMessage([chunk, size]);
  };
  return {
    async next(chunk) {
      // Each worker has one chunk in hand while this thread inserts the previous one.
      while (asked < Math.min(chunks, chunk + workers.length)) ask();
      const rows = await pending.get(chunk)!;
      pending.delete(chunk);
      return rows;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

async function build(file: string, size: number): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  const store = await openStore(`sqlite:${file}`);
  await store.migrate();
  await store.close();

  const db = new Database(file);
  // For the load only: no journal, no fsync, a big page cache; the store reopens the file with
  // its own settings for the lookups.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('foreign_keys = OFF');
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles' AND sql IS NOT NULL")
    .all() as Array<{ name: string; sql: string }>;
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
  db.exec('CREATE TEMP TABLE staged_bands (band_key TEXT NOT NULL, article_id TEXT NOT NULL)');
  const insertBand = db.prepare('INSERT INTO staged_bands (band_key, article_id) VALUES (?, ?)');
  let insertArticle: Database.Statement | undefined;
  const source = rowSource(size);
  db.exec('BEGIN');
  for (let chunk = 0; chunk * CHUNK < size; chunk++) {
    for (const { values, keys } of await source.next(chunk)) {
      insertArticle ??= db.prepare(
        `INSERT INTO articles (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
          .map((k) => `@${k}`)
          .join(', ')})`,
      );
      insertArticle.run(values);
      for (const key of keys) insertBand.run(key, values.id);
    }
  }
  await source.close();
  // In key order, the band index only ever appends.
  db.exec(
    'INSERT INTO article_bands (band_key, article_id) SELECT band_key, article_id FROM staged_bands ORDER BY 1, 2',
  );
  db.exec('DROP TABLE staged_bands');
  for (const { sql } of indexes) db.exec(sql);
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.close();
}

interface Query {
  keys: string[];
  /** The stored article this one is a new version of. */
  versionOf?: string;
}

function queries(size: number, count: number): Query[] {
  const r = prng(99);
  const day = dayOf(size - 1);
  const lastDayStart = Math.max(0, size - PER_DAY);
  const fresh = generateStories(count, 1_000_003);
  const chunks = new Map<number, SimStory[]>();
  return fresh.map((story, q) => {
    if (q % 2 === 1) return { keys: queryKeys(story, day) };
    const target = lastDayStart + Math.floor(r() * (size - lastDayStart));
    const chunk = Math.floor(target / CHUNK);
    if (!chunks.has(chunk)) chunks.set(chunk, chunkStories(chunk));
    const stored = chunks.get(chunk)![target % CHUNK];
    return { keys: queryKeys(newVersion(stored, story, r), day), versionOf: rowId(target) };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export async function run(args: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const sizes = arg('--sizes', '10000,1000000').split(',').map(Number);
  const count = Number(arg('--queries', '300'));
  const keep = args.includes('--keep');
  const lines: string[] = [];
  for (const size of sizes) {
    const file = path.join(os.tmpdir(), `lede-bench-dedupe-${size}.sqlite`);
    const buildStart = performance.now();
    if (!(keep && existsSync(file))) await build(file, size);
    const buildSeconds = (performance.now() - buildStart) / 1000;
    const store = await openStore(`sqlite:${file}`);
    const qs = queries(size, count);
    const lookup = (q: Query) => store.ingest((tx) => tx.findCandidates(q.keys, defaultThresholds.candidateLimit));
    // Warm the page cache the way a running worker's would be.
    for (const q of qs.slice(0, 20)) await lookup(q);
    const times: number[] = [];
    let found = 0;
    let versionsFound = 0;
    const cpu0 = process.cpuUsage();
    for (const q of qs) {
      const t0 = performance.now();
      const result = await lookup(q);
      times.push(performance.now() - t0);
      found += result.length;
      if (q.versionOf !== undefined && result[0]?.articleId === q.versionOf) versionsFound++;
    }
    const cpu = process.cpuUsage(cpu0);
    await store.close();
    times.sort((a, b) => a - b);
    const mean = times.reduce((s, t) => s + t, 0) / times.length;
    const cpuMs = (cpu.user + cpu.system) / 1000 / qs.length;
    lines.push(
      `| ${size.toLocaleString('en-US')} | ${mean.toFixed(2)} | ${percentile(times, 0.5).toFixed(2)} | ${percentile(times, 0.95).toFixed(2)} | ${cpuMs.toFixed(2)} | ${(found / qs.length).toFixed(1)} | ${versionsFound}/${Math.ceil(qs.length / 2)} | ${buildSeconds.toFixed(0)} |`,
    );
    if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  console.log('');
  console.log('### Story candidate lookup (SQLite store, findCandidates in an ingest transaction)');
  console.log('');
  console.log(
    `${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; ${count} lookups per size, limit ${defaultThresholds.candidateLimit}`,
  );
  console.log('');
  console.log(
    '| stored fingerprints | mean ms | p50 ms | p95 ms | CPU ms | candidates returned | versions found first | load s |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const line of lines) console.log(line);
}
