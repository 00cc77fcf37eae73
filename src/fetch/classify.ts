// What a fetch outcome means for the job that asked, decided in one place (as Miniflux's
// response_handler.go does): carry on, nothing changed, come back later, retry with backoff, or
// give up.
import { FetchError } from './errors.js';
import type { FetchResult } from './http.js';

export type ResponseClass =
  | { kind: 'ok' }
  | { kind: 'not_modified' }
  /** The host asked us to wait: delay this one job, do not count a failure. */
  | { kind: 'retry_later'; retryAfterMs: number; reason: string }
  /** Might work next time: retry with backoff. */
  | { kind: 'transient'; reason: string }
  /** Retrying cannot help; `gone` when the resource no longer exists (404, 410). */
  | { kind: 'permanent'; reason: string; gone: boolean };

/** 429 without Retry-After still means "slow down"; a minute is a polite guess. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

export function classifyResponse(result: Pick<FetchResult, 'status' | 'retryAfterMs'>): ResponseClass {
  const { status, retryAfterMs } = result;
  if (status === 304) return { kind: 'not_modified' };
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 429) {
    const wait = retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    return { kind: 'retry_later', retryAfterMs: wait, reason: 'HTTP 429 Too Many Requests' };
  }
  if (status === 503 && retryAfterMs !== undefined) {
    return { kind: 'retry_later', retryAfterMs, reason: 'HTTP 503 with Retry-After' };
  }
  if (status >= 500 || status === 408) return { kind: 'transient', reason: `HTTP ${status}` };
  if (status === 404 || status === 410) return { kind: 'permanent', reason: `HTTP ${status}`, gone: true };
  // Other 4xx (401, 403, 451, …) and redirects without a Location: the same request will fail again.
  return { kind: 'permanent', reason: `HTTP ${status}`, gone: false };
}

/** Thrown fetch failures: timeouts and network trouble pass, a refused or oversized URL does not. */
export function classifyError(err: unknown): ResponseClass {
  if (!(err instanceof FetchError)) return { kind: 'transient', reason: String(err) };
  switch (err.code) {
    case 'timeout':
    case 'network':
      return { kind: 'transient', reason: err.message };
    default:
      return { kind: 'permanent', reason: err.message, gone: false };
  }
}
