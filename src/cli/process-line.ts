// One `lede process` line, in two halves: prepareLine (extract + enrich: pure CPU work on the
// line alone, run in a worker process) and storeLine (story assignment and the output record:
// run in the main process, one line at a time in input order, as story state depends on every
// earlier line). processLine runs both, for callers that go one line at a time (eval).
import { z } from 'zod';
import type { ExtractOptions, ExtractResult, FeedHints } from '../extract/index.js';
import { DEFAULT_MAX_BYTES } from '../extract/prepare.js';
import { isWholePage, looksLikeHtml } from '../extract/markup.js';
import { headlineOnlyArticle } from '../extract/headline-only.js';
import type { Enrichment, ExtractedArticle } from '../shared/types.js';
import type { Store } from '../storage/store.js';
import type { MatchThresholds } from '../stories/match.js';
import { storeArticle } from '../pipeline/store.js';

// jsdom, the extractor and the enrichment models are imported on first use (node keeps the
// module after that): the main process of `lede process` parses and stores lines (its workers
// prepare them) and never needs them.
const extractFromFeedContent = async (
  ...args: Parameters<typeof import('../extract/index.js').extractFromFeedContent>
) => (await import('../extract/index.js')).extractFromFeedContent(...args);

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

/** A line's failure with the code its error line carries (too_large, not_article, ...). */
export class LineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Extracts a page; the worker passes extractArticle, eval may pass a pool. */
export type HtmlExtractor = (html: string, url: string, opts: ExtractOptions) => Promise<ExtractResult>;

export interface PreparedLine {
  article: ExtractedArticle;
  enrichment: Enrichment;
}

export function assertTextWithinSize(text: string | undefined): void {
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
        : await extractFromFeedContent(feed, url, { dom })
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

// `text` that is really HTML: a whole page is extracted like `html`, a fragment as article HTML.
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

/** Extract and enrich: everything about a line that does not depend on the lines before it. */
export async function prepareLine(
  line: InputLine,
  dom: 'jsdom' | 'linkedom',
  html: HtmlExtractor,
): Promise<PreparedLine> {
  const article = withLineTime(await extract(line, dom, html), line.publishedAt);
  const { enrichArticle } = await import('../pipeline/enrich.js');
  return { article, enrichment: enrichArticle(article) };
}

/** Story assignment and storage, then the output record. Lines must come in input order. */
export async function storeLine(
  store: Store,
  line: InputLine,
  { article, enrichment }: PreparedLine,
  now: () => Date,
  thresholds: MatchThresholds,
) {
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

export async function processLine(
  store: Store,
  line: InputLine,
  dom: 'jsdom' | 'linkedom',
  now: () => Date,
  thresholds: MatchThresholds,
  html: HtmlExtractor,
) {
  return storeLine(store, line, await prepareLine(line, dom, html), now, thresholds);
}
