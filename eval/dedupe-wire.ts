// Story identity on a real wire stream: the shared Reuters-21578 items 1-8,000 (1987 wire copy,
// in wire order) go through the real `lede process` path (NDJSON in, SQLite store, extraction,
// enrichment, story matching) as one stream; a labelled pair is predicted "same" when both items
// end up with one story id. fixtures/dedupe/wire-pairs.jsonl holds ids, labels and a note per
// pair, never the text; its split (tune / holdout) was fixed by a hash of the pair ids before any
// tuning, and only the tune part's errors are ever listed. The three-rule baseline scores the
// same pairs. The corpus is read from ../shared at run time and never copied.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataPath } from '../scripts/shared-data.js';
import { runProcess } from '../src/cli/process.js';
import { baselineSame } from './dedupe-baseline.js';

export interface WireDoc {
  id: number;
  datetime: string | null;
  slug: string | null;
  title: string;
  body: string;
}

export interface WirePair {
  a: number;
  b: number;
  label: 'same' | 'different';
  category: string;
  split: 'tune' | 'holdout';
  note: string;
}

export function loadWireDocs(): WireDoc[] {
  const raw = gunzipSync(readFileSync(sharedDataPath('reuters21578-early/docs.jsonl.gz'))).toString('utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as WireDoc);
}

export function loadWirePairs(): WirePair[] {
  return readFileSync(new URL('../fixtures/dedupe/wire-pairs.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as WirePair);
}

export const itemId = (id: number) => `reuters-${id}`;

/**
 * One `lede process` line per item, in wire order (the collection is already sorted by wire
 * time). Items with neither headline nor text (table-only UNPROC items whose content the
 * collection lost) carry nothing to process and are left out, and counted.
 */
export function toProcessLines(docs: WireDoc[]): { lines: string[]; empty: number } {
  const lines: string[] = [];
  let empty = 0;
  for (const d of [...docs].sort((x, y) => x.id - y.id)) {
    if (d.title.trim() === '' && d.body.trim() === '') {
      empty += 1;
      continue;
    }
    lines.push(
      JSON.stringify({
        id: itemId(d.id),
        feedId: 'reuters-1987',
        title: d.title,
        text: unwrap(d.body),
        publishedAt: d.datetime ? `${d.datetime}Z` : undefined,
        slug: d.slug ?? undefined,
      }),
    );
  }
  return { lines, empty };
}

/**
 * The 1987 wire hard-wraps lines at ~65 characters and starts a paragraph with an indent;
 * `lede process` reads plain text as paragraphs separated by blank lines (a bare line break
 * inside a paragraph loses text in extraction today), so unwrap before sending.
 */
export function unwrap(body: string): string {
  return body
    .split(/\n\s*\n|\n(?=[ \t]{2,})/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

export interface StreamRun {
  storyOf: Map<string, string>;
  /** The dedupe reason each item got, for error listings. */
  reasonOf: Map<string, string>;
  lines: number;
  errors: number;
  errorSamples: string[];
  empty: number;
  ms: number;
}

/**
 * Runs the stream through runProcess (the `lede process` command's own code) with a fresh
 * in-memory SQLite store, as `lede process --dom linkedom` would (jsdom is several times slower
 * on 8,000 items; `--jsdom` selects it).
 */
export async function runWireStream(
  docs: WireDoc[],
  limit?: number,
  dom: 'jsdom' | 'linkedom' = 'linkedom',
): Promise<StreamRun> {
  const { lines, empty } = toProcessLines(docs);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lede-wire-'));
  try {
    const input = path.join(dir, 'in.ndjson');
    const output = path.join(dir, 'out.ndjson');
    writeFileSync(input, `${lines.slice(0, limit).join('\n')}\n`);
    const started = performance.now();
    const counts = await runProcess({ input, output, store: 'sqlite::memory:', dom });
    const ms = performance.now() - started;
    const storyOf = new Map<string, string>();
    const reasonOf = new Map<string, string>();
    const errorSamples: string[] = [];
    for (const line of readFileSync(output, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const out = JSON.parse(line) as {
        itemId: string;
        storyId?: string;
        dedupe?: { kind: string; rule: string; reason?: string };
        error?: { message: string };
      };
      if (out.storyId) storyOf.set(out.itemId, out.storyId);
      if (out.dedupe) reasonOf.set(out.itemId, `${out.dedupe.kind} ${out.dedupe.rule}: ${out.dedupe.reason ?? ''}`);
      else if (errorSamples.length < 5) errorSamples.push(`${out.itemId}: ${out.error?.message}`);
    }
    return { storyOf, reasonOf, lines: counts.lines, errors: counts.errors, errorSamples, empty, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function tally(pairs: WirePair[], predict: (p: WirePair) => boolean): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const p of pairs) {
    const same = predict(p);
    const key = p.label === 'same' ? (same ? 'tp' : 'fn') : same ? 'fp' : 'tn';
    c[key] += 1;
  }
  return c;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const fmt = (c: Counts) =>
  `precision ${ratio(c.tp, c.tp + c.fp).toFixed(3)}, recall ${ratio(c.tp, c.tp + c.fn).toFixed(3)} (TP ${c.tp}, FP ${c.fp}, FN ${c.fn}, TN ${c.tn})`;

export async function reportWire(args: string[]): Promise<boolean> {
  const docs = loadWireDocs();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const pairs = loadWirePairs();
  const dom = args.includes('--jsdom') ? 'jsdom' : 'linkedom';
  const run = await runWireStream(docs, undefined, dom);
  // Determinism: a second run over the first 1,000 items (a prefix of the same input decides
  // the same way) must give those items the same story ids.
  const again = await runWireStream(docs, 1000, dom);
  const deterministic = [...again.storyOf].every(([k, v]) => run.storyOf.get(k) === v);
  const ours = (p: WirePair) => {
    const a = run.storyOf.get(itemId(p.a));
    return a !== undefined && a === run.storyOf.get(itemId(p.b));
  };
  const baseline = (p: WirePair) => baselineSame(byId.get(p.a)!, byId.get(p.b)!);

  console.log('');
  console.log('### dedupe: real wire stream (Reuters-21578 items 1-8,000, ../shared/data/reuters21578-early)');
  console.log('');
  console.log(
    `lede process: ${run.lines} lines, ${run.errors} error lines, ${(run.ms / 1000).toFixed(1)} s, ` +
      `${((run.lines / run.ms) * 1000).toFixed(0)} items/s (${run.empty} items with neither headline nor text not sent)`,
  );
  for (const e of run.errorSamples) console.log(`  error ${e}`);
  console.log(
    `stories: ${new Set(run.storyOf.values()).size}; deterministic (a second run of the first 1,000 items, same story ids): ${deterministic ? 'yes' : 'NO'}`,
  );
  console.log('');
  console.log('| pairs | same / different | lede | three-rule baseline |');
  console.log('|---|---:|---|---|');
  for (const split of ['tune', 'holdout'] as const) {
    const set = pairs.filter((p) => p.split === split);
    const pos = set.filter((p) => p.label === 'same').length;
    console.log(
      `| ${split} | ${pos} / ${set.length - pos} | ${fmt(tally(set, ours))} | ${fmt(tally(set, baseline))} |`,
    );
  }
  console.log('');
  console.log('| category | label | pairs | lede correct | baseline correct |');
  console.log('|---|---|---:|---:|---:|');
  const cats = [...new Set(pairs.map((p) => `${p.category}\u0000${p.label}`))].sort();
  for (const key of cats) {
    const [category, label] = key.split('\u0000');
    const set = pairs.filter((p) => p.category === category && p.label === label);
    const right = (f: (p: WirePair) => boolean) => set.filter((p) => f(p) === (p.label === 'same')).length;
    console.log(`| ${category} | ${label} | ${set.length} | ${right(ours)} | ${right(baseline)} |`);
  }
  // Only the tune part's errors are listed: reading the holdout's would be tuning on it.
  const wrong = pairs.filter((p) => p.split === 'tune' && ours(p) !== (p.label === 'same'));
  if (wrong.length > 0) {
    console.log('');
    console.log(`tune-part errors (${wrong.length}):`);
    for (const p of args.includes('--verbose') ? wrong : wrong.slice(0, 30))
      console.log(
        `  ${p.label === 'same' ? 'missed' : 'merged'} ${p.a}-${p.b} [${p.category}] ${p.note}\n    b: ${run.reasonOf.get(itemId(p.b)) ?? '-'}`,
      );
  }
  return deterministic && run.errors === 0;
}
