// Adapters from the HTTP client's raw results to what the poll and fetch handlers decide on.
// One function classifies every response and error (as Miniflux's response_handler does).
import type { Config } from '../shared/config.js';
import { FetchError, fetchUrl, type FetchOptions, type FetchResult } from '../fetch/http.js';
import type { FeedResponse } from './poll.handler.js';
import type { PageResponse } from './fetch.handler.js';

const PERMANENT_CODES = new Set(['private_address', 'bad_url', 'too_large', 'too_many_redirects', 'bad_encoding']);

export type Classified =
  | { kind: 'ok'; result: FetchResult }
  | { kind: 'not_modified'; result: FetchResult }
  | { kind: 'gone'; status: number }
  | { kind: 'not_html'; contentType: string }
  | { kind: 'error'; message: string; permanent: boolean; retryAfterMs?: number };

export async function classifiedFetch(url: string, opts: FetchOptions, onStatus?: (host: string, status: string) => void): Promise<Classified> {
  const host = safeHost(url);
  let result: FetchResult;
  try {
    result = await fetchUrl(url, opts);
  } catch (err) {
    if (err instanceof FetchError) {
      onStatus?.(host, err.code);
      if (err.code === 'not_html') return { kind: 'not_html', contentType: err.message };
      return { kind: 'error', message: err.message, permanent: PERMANENT_CODES.has(err.code) };
    }
    throw err;
  }
  onStatus?.(host, String(result.status));
  const s = result.status;
  if (s === 304) return { kind: 'not_modified', result };
  if (s >= 200 && s < 300) return { kind: 'ok', result };
  if (s === 404 || s === 410) return { kind: 'gone', status: s };
  if (s === 429 || s === 503) {
    return { kind: 'error', message: `fetch: ${url} answered ${s}`, permanent: false, retryAfterMs: result.retryAfterMs ?? (s === 429 ? 60_000 : undefined) };
  }
  return { kind: 'error', message: `fetch: ${url} answered ${s}`, permanent: s >= 400 && s < 500 };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
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

export function feedGetter(config: Config, onStatus?: (host: string, status: string) => void) {
  const base = fetchOptions(config.fetch, config.feeds.maxBytes);
  return async (url: string, validators: { etag?: string; lastModified?: string }): Promise<FeedResponse> => {
    const c = await classifiedFetch(
      url,
      { ...base, ...validators, accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8' },
      onStatus,
    );
    switch (c.kind) {
      case 'ok':
        return {
          kind: 'ok',
          body: c.result.body,
          contentType: c.result.contentType,
          finalUrl: c.result.url,
          etag: c.result.etag,
          lastModified: c.result.lastModified,
          maxAgeSeconds: c.result.cacheMaxAgeS,
        };
      case 'not_modified':
        return { kind: 'not_modified', maxAgeSeconds: c.result.cacheMaxAgeS };
      case 'gone':
        return { kind: 'error', message: `fetch: feed answered ${c.status}` };
      case 'not_html':
        return { kind: 'error', message: c.contentType };
      case 'error':
        return { kind: 'error', message: c.message, retryAfterMs: c.retryAfterMs };
    }
  };
}

export function pageGetter(config: Config, onStatus?: (host: string, status: string) => void) {
  const base = fetchOptions(config.fetch, config.fetch.maxPageBytes);
  return async (url: string): Promise<PageResponse> => {
    const c = await classifiedFetch(url, { ...base, requireHtml: true, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' }, onStatus);
    switch (c.kind) {
      case 'ok':
        return { kind: 'ok', html: c.result.body.toString('utf8'), finalUrl: c.result.url, contentLanguage: c.result.headers['content-language'] };
      case 'not_modified':
        return { kind: 'error', message: `fetch: ${url} answered 304 to an unconditional request`, permanent: false };
      default:
        return c;
    }
  };
}
