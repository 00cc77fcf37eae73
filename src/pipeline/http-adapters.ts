// Adapters from the HTTP client to what the poll and fetch handlers decide on. What a status
// or error means is decided once, in fetch/classify.ts; this only reshapes it per caller.
import type { Config } from '../shared/config.js';
import { FetchError, fetchUrl, type FetchOptions, type FetchResult } from '../fetch/http.js';
import { classifyError, classifyResponse } from '../fetch/classify.js';
import { decodeHtmlPage } from '../fetch/charset.js';
import type { LookupFunction } from '../fetch/address-guard.js';
import type { FeedResponse } from './poll.js';
import type { PageResponse } from './fetch.js';

type OnStatus = (host: string, status: string) => void;

type Fetched = { result: FetchResult } | { error: unknown };

async function fetchCounted(url: string, opts: FetchOptions, onStatus?: OnStatus): Promise<Fetched> {
  const host = URL.canParse(url) ? new URL(url).host : 'invalid';
  try {
    const result = await fetchUrl(url, opts);
    onStatus?.(host, String(result.status));
    return { result };
  } catch (error) {
    onStatus?.(host, error instanceof FetchError ? error.code : 'error');
    return { error };
  }
}

function reasonOf(error: unknown): string {
  const c = classifyError(error);
  return 'reason' in c ? c.reason : String(error);
}

export function fetchOptions(cfg: Config['fetch'], maxBytes: number): FetchOptions {
  return {
    userAgent: cfg.userAgent,
    allowPrivateHosts: cfg.allowPrivateHosts,
    connectTimeoutMs: cfg.connectTimeoutMs,
    timeoutMs: cfg.timeoutMs,
    maxBytes,
    maxRedirects: cfg.maxRedirects,
  };
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8';

export function feedGetter(config: Config, onStatus?: OnStatus) {
  const base = fetchOptions(config.fetch, config.feeds.maxBytes);
  return async (url: string, validators: { etag?: string; lastModified?: string }): Promise<FeedResponse> => {
    const fetched = await fetchCounted(url, { ...base, ...validators, accept: FEED_ACCEPT }, onStatus);
    if ('error' in fetched) return { kind: 'error', message: reasonOf(fetched.error) };
    const { result } = fetched;
    const c = classifyResponse(result);
    switch (c.kind) {
      case 'ok':
        return {
          kind: 'ok',
          body: result.body,
          contentType: result.contentType,
          finalUrl: result.url,
          etag: result.etag,
          lastModified: result.lastModified,
          maxAgeSeconds: result.cacheMaxAgeS,
        };
      case 'not_modified':
        return { kind: 'not_modified', maxAgeSeconds: result.cacheMaxAgeS };
      case 'retry_later':
        return { kind: 'error', message: `fetch: feed answered ${c.reason}`, retryAfterMs: c.retryAfterMs };
      default:
        return { kind: 'error', message: `fetch: feed answered ${c.reason}` };
    }
  };
}

export function pageGetter(config: Config, onStatus?: OnStatus) {
  const base = fetchOptions(config.fetch, config.fetch.maxPageBytes);
  /** `lookup`: the DNS answers to use (one lookup per page, shared with its other checks). */
  return async (url: string, lookup?: LookupFunction): Promise<PageResponse> => {
    const fetched = await fetchCounted(
      url,
      { ...base, lookup, requireHtml: true, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      onStatus,
    );
    if ('error' in fetched) {
      if (fetched.error instanceof FetchError && fetched.error.code === 'not_html')
        return { kind: 'not_html', contentType: fetched.error.message };
      return {
        kind: 'error',
        message: reasonOf(fetched.error),
        permanent: classifyError(fetched.error).kind === 'permanent',
      };
    }
    const { result } = fetched;
    const c = classifyResponse(result);
    switch (c.kind) {
      case 'ok':
        return {
          kind: 'ok',
          html: decodeHtmlPage(result.body, result.contentType).text,
          finalUrl: result.url,
          contentLanguage: result.headers['content-language'],
        };
      case 'not_modified':
        return { kind: 'error', message: `fetch: ${url} answered 304 to an unconditional request`, permanent: false };
      case 'retry_later':
        return {
          kind: 'error',
          message: `fetch: ${url} answered ${c.reason}`,
          permanent: false,
          retryAfterMs: c.retryAfterMs,
        };
      case 'transient':
        return { kind: 'error', message: `fetch: ${url} answered ${c.reason}`, permanent: false };
      case 'permanent':
        return c.gone
          ? { kind: 'gone', status: result.status }
          : { kind: 'error', message: `fetch: ${url} answered ${c.reason}`, permanent: true };
    }
  };
}
