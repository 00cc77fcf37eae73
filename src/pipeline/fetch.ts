// Fetch+extract stage: download the article page (robots.txt permitting) and extract it in
// the extraction pool, off this event loop; the pool may enrich it there too (the outcome then
// carries the enrichment and the item skips the enrich queue). Feed-supplied full text stands in when there is no
// page, the page is refused, or extraction finds no article. A page that now answers 404/410
// is a withdrawal of what we stored from it.
import type { FetchPayload } from '../queues/payloads.js';
import type { Enrichment, ExtractedArticle } from '../shared/types.js';
import { PermanentError, RetryLaterError } from '../shared/errors.js';
import type { ExtractOptions, ExtractResult } from '../extract/index.js';
import { headlineOnlyArticle } from '../extract/headline-only.js';

export type PageResponse =
  | { kind: 'ok'; html: string; finalUrl: string; contentLanguage?: string }
  | { kind: 'gone'; status: number }
  | { kind: 'not_html'; contentType: string }
  | { kind: 'error'; message: string; permanent: boolean; retryAfterMs?: number };

export interface FetchDeps {
  getPage(url: string): Promise<PageResponse>;
  robotsAllowed(url: string): Promise<boolean>;
  /** Extraction of a fetched page; may carry the article's enrichment, done where it was extracted. */
  extract(html: string, url: string, opts: ExtractOptions): Promise<ExtractResult & { enrichment?: Enrichment }>;
  extractFromFeed(feed: NonNullable<ExtractOptions['feed']>, url: string): ExtractResult | Promise<ExtractResult>;
  dom: 'jsdom' | 'linkedom';
}

export type FetchOutcome =
  | { status: 'extracted'; article: ExtractedArticle; from: 'page' | 'feed'; enrichment?: Enrichment }
  | { status: 'skipped'; reason: string }
  | { status: 'withdrawn'; reason: string };

function feedContent(payload: FetchPayload): NonNullable<ExtractOptions['feed']> {
  const { title, authors, publishedAt, updatedAt, contentHtml, contentText } = payload.item;
  return { title, authors, publishedAt, updatedAt, contentHtml, contentText };
}

const hasFeedText = (p: FetchPayload) => Boolean(p.item.contentHtml || p.item.contentText);

async function fromFeed(deps: FetchDeps, payload: FetchPayload, why: string): Promise<FetchOutcome> {
  if (!hasFeedText(payload)) {
    // A linkless item with only a headline is a wire flash: the first version of a story.
    const flash = payload.url ? undefined : headlineOnlyArticle(payload.item, '');
    return flash ? { status: 'extracted', article: flash, from: 'feed' } : { status: 'skipped', reason: why };
  }
  const result = await deps.extractFromFeed(feedContent(payload), payload.url ?? '');
  return result.status === 'ok'
    ? { status: 'extracted', article: result.article, from: 'feed' }
    : { status: 'skipped', reason: `${why}; feed content: ${result.reason}` };
}

export async function fetchAndExtract(deps: FetchDeps, payload: FetchPayload): Promise<FetchOutcome> {
  if (payload.item.withdrawn) return { status: 'withdrawn', reason: 'feed marks the item withdrawn' };
  const url = payload.url;
  if (!url) return fromFeed(deps, payload, 'item has no link');
  if (!(await deps.robotsAllowed(url))) return fromFeed(deps, payload, 'robots.txt disallows the page');

  const page = await deps.getPage(url);
  switch (page.kind) {
    case 'gone':
      return { status: 'withdrawn', reason: `page answers ${page.status}` };
    case 'not_html':
      return fromFeed(deps, payload, `page is not HTML (${page.contentType})`);
    case 'error':
      if (page.retryAfterMs !== undefined) throw new RetryLaterError(page.message, page.retryAfterMs);
      if (!page.permanent) throw new Error(page.message);
      if (hasFeedText(payload)) return fromFeed(deps, payload, page.message);
      throw new PermanentError(page.message, 'fetch_failed');
    case 'ok': {
      const result = await deps.extract(page.html, page.finalUrl, {
        dom: deps.dom,
        feed: feedContent(payload),
        contentLanguage: page.contentLanguage,
      });
      if (result.status === 'ok') {
        const { article, enrichment } = result;
        return enrichment
          ? { status: 'extracted', article, from: 'page', enrichment }
          : { status: 'extracted', article, from: 'page' };
      }
      return fromFeed(deps, payload, result.reason);
    }
  }
}
