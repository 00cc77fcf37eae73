// A fast loop for story-identity work on the shared wire stream: `--prepare` runs the costly
// half of `lede process` (extraction, enrichment) once per line and caches the result under
// /tmp; a replay then runs only the other half (storeLine: story assignment into a fresh
// in-memory SQLite store, in wire order, as `lede process` does) over the cache and scores the
// labelled pairs. Figures that count still come from `npm run eval -- dedupe --wire-only`; this
// only makes trying a matching change take seconds, and, like the eval, lists tune errors only.
//   npx tsx eval/dedupe-wire-replay.ts --prepare   (once, or after extraction/enrichment change)
//   npx tsx eval/dedupe-wire-replay.ts [--verbose] [--memory] [--limit N] [--first N] [--cache PATH]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { inputLine, prepareLine, storeLine, type PreparedLine } from '../src/cli/process-line.js';
import { loadConfig } from '../src/shared/config.js';
import { openStore } from '../src/storage/index.js';
import type { IngestTx, Store } from '../src/storage/store.js';
import { MemoryStoryLookup } from '../src/stories/memory-lookup.js';
import { baselineSame } from './dedupe-baseline.js';
import { itemId, loadWireDocs, loadWirePairs, toProcessLines, type WirePair } from './dedupe-wire.js';

// `--cache PATH` (not an environment variable: the config refuses unknown LEDE_ names).
const cacheAt = process.argv.indexOf('--cache');
const CACHE = cacheAt > 0 ? process.argv[cacheAt + 1] : '/tmp/lede-wire-prepared.json';

async function prepare(): Promise<void> {
  const { lines } = toProcessLines(loadWireDocs());
  const noHtml = () => Promise.reject(new Error('the wire stream carries no html'));
  const out: { line: unknown; prepared: PreparedLine }[] = [];
  for (const raw of lines) {
    const line = inputLine.parse(JSON.parse(raw));
    out.push({ line, prepared: await prepareLine(line, 'linkedom', noHtml) });
  }
  writeFileSync(CACHE, JSON.stringify(out));
  console.log(`prepared ${out.length} lines into ${CACHE}`);
}

async function replay(verbose: boolean, memory: boolean, limit?: number): Promise<void> {
  if (!existsSync(CACHE)) throw new Error(`no cache at ${CACHE}: run with --prepare first`);
  const all = JSON.parse(readFileSync(CACHE, 'utf8')) as { line: unknown; prepared: PreparedLine }[];
  const cached = all.slice(0, limit);
  const thresholds = loadConfig().dedupe;
  const store = memory ? memoryStore() : await openStore('sqlite::memory:');
  await store.migrate();
  const storyOf = new Map<string, string>();
  const reasonOf = new Map<string, string>();
  const itemOf = new Map<string, string>();
  const cpu = process.cpuUsage();
  for (const { line, prepared } of cached) {
    const parsed = inputLine.parse(line);
    const out = await storeLine(store, parsed, prepared, () => new Date(), thresholds);
    storyOf.set(parsed.id, out.storyId);
    itemOf.set(out.articleId, parsed.id);
    reasonOf.set(parsed.id, `${out.dedupe.kind} ${out.dedupe.rule}: ${out.dedupe.reason ?? ''}`);
  }
  // Reasons name article ids; the item ids say which wire items they are.
  const named = (reason: string) => reason.replace(/\ba_[0-9a-f]+/g, (id) => itemOf.get(id) ?? id);
  const used = process.cpuUsage(cpu);
  await store.close();
  const docs = new Map(loadWireDocs().map((d) => [d.id, d]));
  // `--first N`: score only the first N labelled pairs (the set as an earlier round left it).
  const first = process.argv.indexOf('--first');
  const pairs = loadWirePairs().slice(0, first > 0 ? Number(process.argv[first + 1]) : undefined);
  const ours = (p: WirePair) => {
    const a = storyOf.get(itemId(p.a));
    return a !== undefined && a === storyOf.get(itemId(p.b));
  };
  const base = (p: WirePair) => baselineSame(docs.get(p.a)!, docs.get(p.b)!);
  console.log(`replayed ${cached.length} lines, matching ${((used.user + used.system) / 1000).toFixed(0)} CPU ms`);
  for (const split of ['tune', 'holdout'] as const) {
    const set = pairs.filter((p) => p.split === split);
    console.log(`${split}: lede ${score(set, ours)} | baseline ${score(set, base)}`);
  }
  const wrong = pairs.filter((p) => p.split === 'tune' && ours(p) !== (p.label === 'same'));
  console.log(`tune-part errors (${wrong.length}):`);
  for (const p of wrong) {
    console.log(`  ${p.label === 'same' ? 'missed' : 'merged'} ${p.a}-${p.b} [${p.category}] ${p.note}`);
    if (verbose) {
      console.log(`    a: ${named(reasonOf.get(itemId(p.a)) ?? '-')}`);
      console.log(`    b: ${named(reasonOf.get(itemId(p.b)) ?? '-')}`);
    }
  }
}

/**
 * `--memory`: the same storeLine over MemoryStoryLookup instead of SQLite (several times less
 * CPU; its candidate order follows the SQL adapters'). Only `ingest` is used by storeLine.
 */
function memoryStore(): Store {
  const lookup = new MemoryStoryLookup();
  let seq = 0;
  const tx: IngestTx = Object.assign(lookup, {
    recordSighting: async () => {},
    appendEvent: async () => ++seq,
  });
  return {
    migrate: async () => [],
    close: async () => {},
    ingest: <T>(fn: (t: IngestTx) => Promise<T>) => fn(tx),
  } as unknown as Store;
}

function score(set: WirePair[], predict: (p: WirePair) => boolean): string {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of set) {
    const same = predict(p);
    if (same && p.label === 'same') tp++;
    else if (same) fp++;
    else if (p.label === 'same') fn++;
  }
  const r = (n: number, d: number) => (d === 0 ? 1 : n / d).toFixed(3);
  return `P ${r(tp, tp + fp)} R ${r(tp, tp + fn)} (TP ${tp} FP ${fp} FN ${fn})`;
}

if (process.argv.includes('--prepare')) await prepare();
else {
  const at = process.argv.indexOf('--limit');
  await replay(
    process.argv.includes('--verbose'),
    process.argv.includes('--memory'),
    at > 0 ? Number(process.argv[at + 1]) : undefined,
  );
}
