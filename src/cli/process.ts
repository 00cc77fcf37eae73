// `lede process`: the pipeline's stage code without Redis, for backfills, replays and
// evaluation. NDJSON in, NDJSON out: exactly one output line per input line, in input order; a
// line that fails yields {"itemId", "error"} and the run goes on. Story state carries across
// lines (and across runs with --store).
//
//   reader      pulls lines (line-reader.ts), at most `inFlight` of them between read and written
//   workers     --concurrency N processes extract and enrich lines in parallel (process-worker.ts)
//   main        stores each line and assigns its story one at a time in input order, then writes
//               its output line: the output of N workers is the output of one
//
// Bounds per line: `html` and `text` at most 5 MB each (code too_large); a line whose extraction
// and enrichment run past extract.timeoutMs has its worker killed and replaced (code timeout),
// so one pathological page cannot hold the run.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { openStore } from '../storage/index.js';
import { loadConfig } from '../shared/config.js';
import type { MatchThresholds } from '../stories/match.js';
import { errorMessage } from '../shared/errors.js';
import { PoolError } from '../extract/pool.js';
import { readLines } from './line-reader.js';
import {
  assertTextWithinSize,
  inputLine,
  LineError,
  storeLine,
  type InputLine,
  type PreparedLine,
} from './process-line.js';
import { startProcessPool } from './process-pool.js';
import { startProgress, type ProgressState } from './process-progress.js';

export { inputLine, processLine, type HtmlExtractor, type InputLine } from './process-line.js';

export interface ProcessOptions {
  input?: string;
  output?: string;
  store?: string;
  dom?: 'jsdom' | 'linkedom';
  /** Per-line time limit, ms. Default extract.timeoutMs (30 000). */
  timeoutMs?: number;
  /** Worker processes extracting and enriching lines. Default: one per core. */
  concurrency?: number;
  /** Progress line on stderr. Default: when stderr is a terminal. */
  progress?: boolean;
  /** Module the workers run: process-worker unless a test wraps it to inject faults. */
  workerEntry?: string;
}

export interface ProcessSummary {
  lines: number;
  errors: number;
  elapsedMs: number;
  /** Worker processes started, replacements (recycled, timed out) included. */
  workersStarted: number;
}

// Lines read but not yet written, per worker: enough to keep every worker busy while the main
// process stores the line at the head, few enough that memory does not grow with the input.
const IN_FLIGHT_PER_WORKER = 4;

/** A line on its way: an error line already, or its extraction running in a worker. */
type Pending = { line: InputLine; prepared: Promise<PreparedLine>; end: number } | { error: unknown; end: number };

type Result = Record<string, unknown>;

function errorLine(itemId: unknown, err: unknown): Result {
  const code =
    err instanceof LineError
      ? err.code
      : err instanceof PoolError
        ? (err.workerCode ?? (err.code === 'timeout' ? 'timeout' : 'failed'))
        : err instanceof SyntaxError
          ? 'invalid_json'
          : 'failed';
  return { itemId, error: { code, message: errorMessage(err) } };
}

/** Parses a raw line; throws the LineError (or SyntaxError) its error line reports. */
function parseLine(raw: string): InputLine {
  if (raw.trim() === '') throw new LineError('empty_line', 'process: the line is empty');
  const parsed = inputLine.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new LineError(
      'invalid_input',
      `process: ${parsed.error.issues.map((i) => `"${i.path.join('.')}": ${i.message}`).join('; ')}`,
    );
  // Checked here so a 50 MB text is refused without being copied to a worker.
  assertTextWithinSize(parsed.data.text);
  return parsed.data;
}

/** The id an error line names: the line's own id when it has one, else its number. */
function itemIdOf(raw: string, n: number): unknown {
  try {
    return (JSON.parse(raw) as { id?: unknown })?.id ?? `line ${n}`;
  } catch {
    return `line ${n}`;
  }
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export async function runProcess(opts: ProcessOptions): Promise<ProcessSummary> {
  const started = Date.now();
  // The same matching thresholds as the workers, so a replay decides as they would.
  const config = loadConfig();
  const thresholds: MatchThresholds = config.dedupe;
  const timeoutMs = opts.timeoutMs ?? config.extract.timeoutMs;
  const workers = Math.max(1, opts.concurrency ?? os.availableParallelism());
  const dom = opts.dom ?? 'jsdom';
  const fromFile = !!opts.input && opts.input !== '-';
  const input: Readable = fromFile ? createReadStream(opts.input!) : process.stdin;
  const output: Writable = opts.output && opts.output !== '-' ? createWriteStream(opts.output) : process.stdout;
  const state: ProgressState = { lines: 0, errors: 0, bytes: 0 };
  const showProgress = opts.progress ?? process.stderr.isTTY;
  const totalBytes = showProgress && fromFile ? statSync(opts.input!).size : undefined;
  const store = await openStore(opts.store ?? 'sqlite::memory:');
  const pool = startProcessPool(config.extract, workers, timeoutMs, opts.workerEntry);
  const progress = showProgress ? startProgress(process.stderr, state, totalBytes) : undefined;
  const queue: Pending[] = [];
  // A line whose result has been given up on may still settle later; nobody waits for it then.
  const submit = (line: InputLine) => {
    const prepared = pool.run({ line, dom });
    prepared.catch(() => {});
    return prepared;
  };
  // The line at the head of the queue: stored (or reported), then written.
  const finishHead = async () => {
    const head = queue.shift()!;
    let result: Result;
    if ('error' in head) result = head.error as Result;
    else {
      try {
        result = await storeLine(store, head.line, await head.prepared, () => new Date(), thresholds);
      } catch (err) {
        result = errorLine(head.line.id, normalizeTimeout(err, timeoutMs));
      }
    }
    if ('error' in result) state.errors += 1;
    state.lines += 1;
    state.bytes = head.end;
    await write(output, JSON.stringify(result));
  };
  try {
    await store.migrate();
    const inFlight = IN_FLIGHT_PER_WORKER * workers;
    let n = 0;
    for await (const { text, end } of readLines(input)) {
      n += 1;
      let pending: Pending;
      try {
        const line = parseLine(text);
        pending = { line, prepared: submit(line), end };
      } catch (err) {
        pending = { error: errorLine(itemIdOf(text, n), err), end };
      }
      queue.push(pending);
      while (queue.length >= inFlight) await finishHead();
    }
    while (queue.length) await finishHead();
  } finally {
    progress?.stop();
    if (output !== process.stdout) await new Promise<void>((resolve) => output.end(resolve));
    await pool.close();
    await store.close();
  }
  return {
    lines: state.lines,
    errors: state.errors,
    elapsedMs: Date.now() - started,
    workersStarted: pool.workersStarted,
  };
}

/** The pool's timeout, said as before: the line, not the extraction, ran out of time. */
function normalizeTimeout(err: unknown, ms: number): unknown {
  return err instanceof PoolError && err.code === 'timeout'
    ? new LineError('timeout', `process: line took longer than ${ms} ms`)
    : err;
}
