// `npm run bench -- dedupe [--sizes 10000,1000000] [--queries 300] [--keep]`: story-candidate
// lookup time per article against the real SQLite store with N stored fingerprints.
//
// The store is bulk-loaded through its own row mapping (articleToRow) straight into the file,
// bypassing store.ingest, which would take hours at a million rows; lookups then go through
// store.ingest(tx => tx.findCandidates(...)), exactly as the store stage runs them.
//
// Stored rows model a wire archive growing over time at a constant daily volume (2,700
// articles/day: 10,000 rows ≈ 4 days, 1,000,000 ≈ a year), so what changes between sizes is the
// index size, not how crowded a day is. Each row carries the key mix fingerprint() + assign()
// produce: 32 band keys and 7 lede anchors (unique to the row unless it is a version of another),
// and 8 day-scoped entity keys drawn with a skew (a few names are in many stories). Each
// row stores a real, full-size fingerprint JSON, since the lookup parses the neighbours it returns.
// Queries are new articles on the latest day: half a new version of a stored article (sharing
// half its bands and anchors), half unrelated; entity keys for the day and the two around it.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArticleRecord } from '../src/shared/types.js';
import { openStore } from '../src/storage/index.js';
import { articleToRow } from '../src/storage/rows.js';
import { fingerprint, type StoredFingerprint } from '../src/stories/fingerprint.js';
import { defaultThresholds } from '../src/stories/match.js';

const PER_DAY = 2_700;
const ENTITY_POOL = 4_000;
const START = Date.UTC(2025, 0, 1);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  id: string;
  day: string;
  bands: string[];
  anchors: string[];
  entities: string[];
}

/** Row i is a pure function of i, so a query can rebuild any stored row without replaying the load. */
function makeRow(i: number): Row {
  const r = prng(Math.imul(i + 1, 0x9e3779b1) ^ 7);
  const hex = () =>
    Math.floor(r() * 0xffffffff)
      .toString(16)
      .padStart(8, '0') +
    Math.floor(r() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const day = new Date(START + Math.floor(i / PER_DAY) * 86_400_000).toISOString().slice(0, 10);
  const entities = new Set<string>();
  // Skewed: r^3 puts most picks on the first few hundred names.
  while (entities.size < 8) entities.add(`entity ${Math.floor(ENTITY_POOL * r() ** 3)}`);
  return {
    id: `bench-${String(i).padStart(8, '0')}`,
    day,
    bands: Array.from({ length: 32 }, (_, b) => `b${String(b).padStart(2, '0')}:${hex()}`),
    anchors: Array.from({ length: 7 }, () => `a:${hex()}`),
    entities: [...entities],
  };
}

async function build(file: string, size: number): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const store = await openStore(`sqlite:${file}`);
  await store.migrate();
  await store.close();

  const template = fingerprint({ title: 'Bench article', bodyText: 'Bench body. '.repeat(200) });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  let insertArticle: Database.Statement | undefined;
  const insertBand = db.prepare('INSERT INTO article_bands (band_key, article_id) VALUES (?, ?)');
  const batch = db.transaction((rows: Row[]) => {
    for (const row of rows) {
      const keys = [...row.bands, ...row.anchors, ...row.entities.map((e) => `e:${row.day}:${e}`)];
      const fp: StoredFingerprint = {
        ...template,
        bandKeys: keys,
        articleId: row.id,
        storyId: `s_${row.id}`,
        publishedAt: `${row.day}T12:00:00.000Z`,
      };
      const values = articleToRow(benchArticle(row), fp);
      insertArticle ??= db.prepare(
        `INSERT INTO articles (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
          .map((k) => `@${k}`)
          .join(', ')})`,
      );
      insertArticle.run(values);
      for (const key of keys) insertBand.run(key, row.id);
    }
  });
  for (let start = 0; start < size; start += 10_000) {
    const rows: Row[] = [];
    for (let i = start; i < Math.min(size, start + 10_000); i++) rows.push(makeRow(i));
    batch(rows);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function benchArticle(row: Row): ArticleRecord {
  const at = `${row.day}T12:00:00.000Z`;
  return {
    id: row.id,
    storyId: `s_${row.id}`,
    version: 1,
    feedId: 'bench',
    textHash: row.id,
    dedupe: { kind: 'new', storyId: `s_${row.id}`, rule: 'none' },
    title: 'Bench article',
    bodyText: 'Bench body.',
    authors: [],
    credits: [],
    sources: {},
    wordCount: 2,
    publishedAt: at,
    entities: [],
    topics: [],
    keywords: [],
    fetchedAt: at,
    createdAt: at,
  };
}

function queries(size: number, count: number): string[][] {
  const r = prng(99);
  const lastDay = makeRow(size - 1).day;
  const days = [-1, 0, 1].map((d) =>
    new Date(Date.parse(`${lastDay}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10),
  );
  const out: string[][] = [];
  const lastDayStart = Math.max(0, size - PER_DAY);
  for (let q = 0; q < count; q++) {
    const fresh = makeRow(size + q);
    let bands = fresh.bands;
    let anchors = fresh.anchors;
    if (q % 2 === 0) {
      // A new version of a stored article from the latest day (regenerated from its seed position).
      const target = lastDayStart + Math.floor(r() * Math.min(size, PER_DAY));
      const stored = makeRow(target);
      bands = [...stored.bands.slice(0, 16), ...fresh.bands.slice(16)];
      anchors = [...stored.anchors.slice(0, 4), ...fresh.anchors.slice(4)];
    }
    out.push([...bands, ...anchors, ...fresh.entities.flatMap((e) => days.map((d) => `e:${d}:${e}`))]);
  }
  return out;
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
    // Warm the page cache the way a running worker's would be.
    for (const q of qs.slice(0, 20)) await store.ingest((tx) => tx.findCandidates(q, defaultThresholds.candidateLimit));
    const times: number[] = [];
    let found = 0;
    let versionsFound = 0;
    for (const [i, q] of qs.entries()) {
      const t0 = performance.now();
      const result = await store.ingest((tx) => tx.findCandidates(q, defaultThresholds.candidateLimit));
      times.push(performance.now() - t0);
      found += result.length;
      if (i % 2 === 0 && result.length > 0 && result[0].bandKeys.some((k) => q.includes(k) && k.startsWith('b')))
        versionsFound++;
    }
    await store.close();
    times.sort((a, b) => a - b);
    const mean = times.reduce((s, t) => s + t, 0) / times.length;
    lines.push(
      `| ${size.toLocaleString('en-US')} | ${mean.toFixed(2)} | ${percentile(times, 0.5).toFixed(2)} | ${percentile(times, 0.95).toFixed(2)} | ${(found / qs.length).toFixed(1)} | ${versionsFound}/${Math.ceil(qs.length / 2)} | ${buildSeconds.toFixed(0)} |`,
    );
    if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  console.log('');
  console.log('### Story candidate lookup (SQLite store, findCandidates in an ingest transaction)');
  console.log('');
  console.log(
    `${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}; ${count} lookups per size, limit ${defaultThresholds.candidateLimit}`,
  );
  console.log('');
  console.log(
    '| stored fingerprints | mean ms | p50 ms | p95 ms | candidates returned | versions found first | load s |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const line of lines) console.log(line);
}
