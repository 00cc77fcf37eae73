// `lede process`: the pipeline's stage code in one process, without Redis, for backfills,
// replays and evaluation. NDJSON in, NDJSON out: exactly one output line per input line, in
// input order; a line that fails yields {"itemId", "error"} and the run goes on. Story state
// carries across lines (and across runs with --store).
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { extractArticle, extractFromFeedContent } from '../extract/index.js';
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

export function extractLine(line: InputLine, dom: 'jsdom' | 'linkedom'): ExtractedArticle {
  const url = line.url ?? `urn:lede:item:${encodeURIComponent(line.id)}`;
  const feed = { title: line.title, publishedAt: line.publishedAt, contentText: line.text };
  // A headline with no text (a wire flash or alert) is the first version of a story.
  if (!line.html && !line.text?.trim()) {
    const flash = headlineOnlyArticle(feed, url);
    if (flash) return flash;
  }
  const result = line.html
    ? extractArticle(line.html, url, { dom, feed })
    : line.text !== undefined
      ? extractFromFeedContent(feed, url, { dom })
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
) {
  const article = withLineTime(extractLine(line, dom), line.publishedAt);
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
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export async function runProcess(opts: ProcessOptions): Promise<{ lines: number; errors: number }> {
  // The same matching thresholds as the workers, so a replay decides as they would.
  const thresholds = loadConfig().dedupe;
  const store = await openStore(opts.store ?? 'sqlite::memory:');
  await store.migrate();
  const input = opts.input && opts.input !== '-' ? createReadStream(opts.input, 'utf8') : process.stdin;
  const output: Writable = opts.output && opts.output !== '-' ? createWriteStream(opts.output) : process.stdout;
  let lines = 0;
  let errors = 0;
  try {
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      if (raw.trim() === '') continue;
      lines += 1;
      let itemId: unknown = `line ${lines}`;
      let result: unknown;
      try {
        const json = JSON.parse(raw) as { id?: unknown };
        itemId = json?.id ?? itemId;
        const parsed = inputLine.safeParse(json);
        if (!parsed.success)
          throw new LineError(
            'invalid_input',
            `process: ${parsed.error.issues.map((i) => `"${i.path.join('.')}": ${i.message}`).join('; ')}`,
          );
        result = await processLine(store, parsed.data, opts.dom ?? 'jsdom', () => new Date(), thresholds);
      } catch (err) {
        errors += 1;
        const code = err instanceof LineError ? err.code : err instanceof SyntaxError ? 'invalid_json' : 'failed';
        result = { itemId, error: { code, message: errorMessage(err) } };
      }
      await write(output, JSON.stringify(result));
    }
  } finally {
    if (output !== process.stdout) await new Promise<void>((resolve) => output.end(resolve));
    await store.close();
  }
  return { lines, errors };
}
