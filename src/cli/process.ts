// `lede process`: the pipeline's stage code in one process, without Redis, for backfills,
// replays and evaluation. NDJSON in, NDJSON out: exactly one output line per input line, in
// input order; a line that fails yields {"itemId", "error"} and the run goes on. Story state
// carries across lines (and across runs with --store).
// Bounds per line: `html` and `text` at most 5 MB each (code too_large); `html` is extracted in
// a child process (extract/pool.ts) killed when the line runs past extract.timeoutMs (code
// timeout), so one pathological page cannot hold the run.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { extractFromFeedContent, type ExtractOptions, type ExtractResult, type FeedHints } from '../extract/index.js';
import { ExtractorPool } from '../extract/pool.js';
import { DEFAULT_MAX_BYTES } from '../extract/prepare.js';
import { isWholePage, looksLikeHtml } from '../extract/markup.js';
import { headlineOnlyArticle } from '../extract/headline-only.js';
import type { ExtractedArticle } from '../shared/types.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { loadConfig } from '../shared/config.js';
import type { MatchThresholds } from '../stories/match.js';
import { enrichArticle } from '../pipeline/enrich.js';
import { storeArticle } from '../pipeline/store.js';
import { errorMessage } from '../shared/errors.js';

export const inputLine = z.object({
  id: z.string().min(1),
  url: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  title: z.string().optional(),
  publishedAt: z.string().optional(),
  guid: z.string().optional(),
  feedId: z.string().optional(),
  /** The item's declared language ("en", "en-GB"): decides unless the text is long and clearly another. */
  language: z.string().optional(),
  /** Wire keyword with version markers (`BC-PERLE-2NDLD-URGENT`); helps story matching. */
  slug: z.string().optional(),
});
export type InputLine = z.infer<typeof inputLine>;

class LineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Extracts a page; `lede process` passes its child-process pool. */
export type HtmlExtractor = (html: string, url: string, opts: ExtractOptions) => Promise<ExtractResult>;

function assertTextWithinSize(text: string | undefined): void {
  // Length is a lower bound on UTF-8 bytes: measure only when it could matter.
  if (text === undefined || text.length * 3 <= DEFAULT_MAX_BYTES) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > DEFAULT_MAX_BYTES) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    throw new LineError('too_large', `process: "text" is ${mb(bytes)}, over the ${mb(DEFAULT_MAX_BYTES)} limit`);
  }
}

async function extract(line: InputLine, dom: 'jsdom' | 'linkedom', html: HtmlExtractor): Promise<ExtractedArticle> {
  assertTextWithinSize(line.text);
  const url = line.url ?? `urn:lede:item:${encodeURIComponent(line.id)}`;
  const feed = { title: line.title, publishedAt: line.publishedAt, contentText: line.text, language: line.language };
  // A headline with no text (a wire flash or alert) is the first version of a story.
  if (!line.html && !line.text?.trim()) {
    const flash = headlineOnlyArticle(feed, url);
    if (flash) return flash;
  }
  const result = line.html
    ? await html(line.html, url, { dom, feed })
    : line.text !== undefined
      ? looksLikeHtml(line.text)
        ? await extractHtmlText(line.text, url, feed, dom, html)
        : extractFromFeedContent(feed, url, { dom })
      : undefined;
  if (!result) throw new LineError('no_content', 'process: a line needs "html" or "text"');
  // Plain text the cleanup keeps nothing of (a two-line dividend table) is still the item's text.
  if (result.status === 'skipped' && !line.html && line.text) {
    const kept = headlineOnlyArticle(feed, url, line.text);
    if (kept) return kept;
  }
  // The reason already names its stage ("extract: ...").
  if (result.status === 'skipped') throw new LineError('not_article', result.reason);
  return result.article;
}

// `text` that is really HTML: a whole page is extracted like `html` (in the pool, under the
// same time limit), a fragment as article HTML.
async function extractHtmlText(
  text: string,
  url: string,
  hints: FeedHints,
  dom: 'jsdom' | 'linkedom',
  html: HtmlExtractor,
): Promise<ExtractResult> {
  const feed = { ...hints, contentText: undefined };
  return isWholePage(text)
    ? html(text, url, { dom, feed })
    : extractFromFeedContent({ ...feed, contentHtml: text }, url, { dom });
}

/**
 * The line's own publishedAt is the caller's statement of the item's time: it stands when
 * extraction's plausibility window for web pages (1990 on) drops it, so a replay of an archive
 * (1987 wire copy) keeps its clock and story matching its time sense.
 */
function withLineTime(article: ExtractedArticle, publishedAt: string | undefined): ExtractedArticle {
  if (article.publishedAt || !publishedAt) return article;
  const ms = Date.parse(publishedAt);
  return Number.isNaN(ms) ? article : { ...article, publishedAt: new Date(ms).toISOString() };
}

export async function processLine(
  store: Store,
  line: InputLine,
  dom: 'jsdom' | 'linkedom',
  now: () => Date,
  thresholds: MatchThresholds,
  html: HtmlExtractor,
) {
  const article = withLineTime(await extract(line, dom, html), line.publishedAt);
  const enrichment = enrichArticle(article);
  const out = await storeArticle(
    store,
    {
      feedId: line.feedId,
      guid: line.guid,
      url: line.url,
      itemKey: line.guid ?? line.url ?? line.id,
      slug: line.slug,
      article,
      enrichment,
      fetchedAt: now().toISOString(),
    },
    { thresholds, now },
  );
  const { decision } = out;
  return {
    itemId: line.id,
    articleId: out.articleId,
    storyId: out.storyId,
    version: out.version,
    dedupe: {
      kind: decision.kind,
      matchedArticleId: decision.matchedArticleId,
      score: decision.score,
      reason: decision.reason,
      rule: decision.rule,
      withdraws: decision.withdraws,
    },
    title: article.title,
    byline: article.byline,
    authors: article.authors,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
    language: enrichment.language ?? article.language,
    canonicalUrl: article.canonicalUrl,
    siteName: article.siteName,
    dateline: article.dateline,
    credits: article.credits,
    wordCount: article.wordCount,
    bodyText: article.bodyText,
    bodyHtml: article.bodyHtml,
    entities: enrichment.entities,
    topics: enrichment.topics,
    keywords: enrichment.keywords,
  };
}

export interface ProcessOptions {
  input?: string;
  output?: string;
  store?: string;
  dom?: 'jsdom' | 'linkedom';
  /** Per-line time limit, ms. Default extract.timeoutMs (30 000). */
  timeoutMs?: number;
}

/** `work`, or a LineError with code timeout once `ms` have passed (the run goes on). */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineError('timeout', `process: line took longer than ${ms} ms`)), ms);
  });
  // A line given up on may still fail later; nobody is waiting for it then.
  work.catch(() => {});
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export async function runProcess(opts: ProcessOptions): Promise<{ lines: number; errors: number }> {
  // The same matching thresholds as the workers, so a replay decides as they would.
  const config = loadConfig();
  const thresholds = config.dedupe;
  const timeoutMs = opts.timeoutMs ?? config.extract.timeoutMs;
  // Started on the first html line; one worker, as lines run one at a time.
  let pool: ExtractorPool | undefined;
  const html: HtmlExtractor = (page, url, extractOpts) => {
    pool ??= new ExtractorPool({ ...config.extract, workers: 1, timeoutMs });
    return pool.extract(page, url, extractOpts);
  };
  const store = await openStore(opts.store ?? 'sqlite::memory:');
  await store.migrate();
  const input = opts.input && opts.input !== '-' ? createReadStream(opts.input, 'utf8') : process.stdin;
  const output: Writable = opts.output && opts.output !== '-' ? createWriteStream(opts.output) : process.stdout;
  let lines = 0;
  let errors = 0;
  try {
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      lines += 1;
      let itemId: unknown = `line ${lines}`;
      let result: unknown;
      try {
        if (raw.trim() === '') throw new LineError('empty_line', 'process: the line is empty');
        const json = JSON.parse(raw) as { id?: unknown };
        itemId = json?.id ?? itemId;
        const parsed = inputLine.safeParse(json);
        if (!parsed.success)
          throw new LineError(
            'invalid_input',
            `process: ${parsed.error.issues.map((i) => `"${i.path.join('.')}": ${i.message}`).join('; ')}`,
          );
        const line = processLine(store, parsed.data, opts.dom ?? 'jsdom', () => new Date(), thresholds, html);
        result = await withTimeout(line, timeoutMs);
      } catch (err) {
        errors += 1;
        const code = err instanceof LineError ? err.code : err instanceof SyntaxError ? 'invalid_json' : 'failed';
        result = { itemId, error: { code, message: errorMessage(err) } };
      }
      await write(output, JSON.stringify(result));
    }
  } finally {
    if (output !== process.stdout) await new Promise<void>((resolve) => output.end(resolve));
    await pool?.close();
    await store.close();
  }
  return { lines, errors };
}
