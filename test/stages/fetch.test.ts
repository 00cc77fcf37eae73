// The fetch+extract stage as a function: its dependencies are plain functions here (a page
// source, robots answer, the real extractor in-process), so each branch is shown without Redis,
// HTTP or the extraction pool.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, extractFromFeedContent } from '../../src/extract/index.js';
import { fetchAndExtract, type FetchDeps, type PageResponse } from '../../src/pipeline/fetch.js';
import type { FetchPayload } from '../../src/queues/payloads.js';
import { PermanentError, RetryLaterError } from '../../src/shared/errors.js';

const DIR = join(import.meta.dirname, '../../fixtures/pages');
const html = readFileSync(join(DIR, 'reuters-bank-rates.html'), 'utf8');
const pageUrl = (JSON.parse(readFileSync(join(DIR, 'reuters-bank-rates.json'), 'utf8')) as { url: string }).url;
const feedText =
  'The central bank raised its main rate by a quarter point on Thursday, its tenth increase in a row, and said more may follow. '.repeat(
    4,
  );

function payload(item: Partial<FetchPayload['item']> = {}, url: string | null = pageUrl): FetchPayload {
  return {
    correlationId: 'c-1',
    feedId: 'wire',
    itemKey: 'k-1',
    contentHash: 'h-1',
    url: url ?? undefined,
    item: { title: 'Bank raises rates', authors: [], ...item },
  };
}

/** Deps answering `page` for every URL; records the URLs fetched. */
function deps(page: PageResponse, robots = true) {
  const fetched: string[] = [];
  const d: FetchDeps = {
    getPage: async (url) => (fetched.push(url), page),
    robotsAllowed: async () => robots,
    extract: async (h, url, opts) => extractArticle(h, url, opts),
    extractFromFeed: extractFromFeedContent,
    dom: 'linkedom',
  };
  return { d, fetched };
}

describe('fetchAndExtract', () => {
  it('extracts the article from the page', async () => {
    const { d } = deps({ kind: 'ok', html, finalUrl: pageUrl });
    const out = await fetchAndExtract(d, payload());
    expect(out).toMatchObject({ status: 'extracted', from: 'page' });
    expect(out.status === 'extracted' && out.article.wordCount).toBeGreaterThan(100);
  });

  it('withdraws an item the feed marks withdrawn, without fetching it', async () => {
    const { d, fetched } = deps({ kind: 'ok', html, finalUrl: pageUrl });
    expect(await fetchAndExtract(d, payload({ withdrawn: true }))).toEqual({
      status: 'withdrawn',
      reason: 'feed marks the item withdrawn',
    });
    expect(fetched).toEqual([]);
  });

  it('withdraws the item when its page answers 410', async () => {
    const { d } = deps({ kind: 'gone', status: 410 });
    expect(await fetchAndExtract(d, payload())).toEqual({ status: 'withdrawn', reason: 'page answers 410' });
  });

  it('uses the feed text when robots.txt disallows the page, and never fetches it', async () => {
    const { d, fetched } = deps({ kind: 'ok', html, finalUrl: pageUrl }, false);
    const out = await fetchAndExtract(d, payload({ contentText: feedText }));
    expect(out).toMatchObject({ status: 'extracted', from: 'feed' });
    expect(fetched).toEqual([]);
  });

  it('skips with the reason when there is neither a page nor feed text', async () => {
    const { d } = deps({ kind: 'ok', html, finalUrl: pageUrl }, false);
    expect(await fetchAndExtract(d, payload())).toEqual({ status: 'skipped', reason: 'robots.txt disallows the page' });
    expect(await fetchAndExtract(d, payload({ title: undefined }, null))).toEqual({
      status: 'skipped',
      reason: 'item has no link',
    });
  });

  it('stores a linkless item with only a headline (a wire flash) as a story with an empty body', async () => {
    const { d, fetched } = deps({ kind: 'ok', html, finalUrl: pageUrl });
    const out = await fetchAndExtract(d, payload({}, null));
    expect(out).toMatchObject({
      status: 'extracted',
      from: 'feed',
      article: { title: 'Bank raises rates', bodyText: '' },
    });
    expect(fetched).toEqual([]);
  });

  it('falls back to the feed text for a page that is not HTML', async () => {
    const { d } = deps({ kind: 'not_html', contentType: 'application/pdf' });
    expect(await fetchAndExtract(d, payload({ contentText: feedText }))).toMatchObject({
      status: 'extracted',
      from: 'feed',
    });
    expect(await fetchAndExtract(d, payload())).toEqual({
      status: 'skipped',
      reason: 'page is not HTML (application/pdf)',
    });
  });

  it('asks for a delay when the host says when to come back', async () => {
    const { d } = deps({ kind: 'error', message: 'fetch: 429', permanent: false, retryAfterMs: 5_000 });
    const err = await fetchAndExtract(d, payload()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect(err).toMatchObject({ retryAfterMs: 5_000, message: 'fetch: 429' });
  });

  it('throws a plain error, to be retried, on a transient failure', async () => {
    const { d } = deps({ kind: 'error', message: 'fetch: 503', permanent: false });
    const err = await fetchAndExtract(d, payload({ contentText: feedText })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentError);
    expect(err).not.toBeInstanceOf(RetryLaterError);
  });

  it('fails for good on a permanent failure, unless the feed has the text', async () => {
    const { d } = deps({ kind: 'error', message: 'fetch: 404', permanent: true });
    await expect(fetchAndExtract(d, payload())).rejects.toThrow(PermanentError);
    expect(await fetchAndExtract(d, payload({ contentText: feedText }))).toMatchObject({
      status: 'extracted',
      from: 'feed',
    });
  });
});
