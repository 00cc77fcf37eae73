import { describe, expect, it } from 'vitest';
import { classifyError, classifyResponse, DEFAULT_RETRY_AFTER_MS } from '../../src/fetch/classify.js';
import { FetchError } from '../../src/fetch/errors.js';
import { parseMaxAge, parseRetryAfter } from '../../src/fetch/response-headers.js';

describe('classifyResponse', () => {
  it.each([
    [200, undefined, { kind: 'ok' }],
    [304, undefined, { kind: 'not_modified' }],
    [429, 30_000, { kind: 'retry_later', retryAfterMs: 30_000 }],
    [429, undefined, { kind: 'retry_later', retryAfterMs: DEFAULT_RETRY_AFTER_MS }],
    [503, 5_000, { kind: 'retry_later', retryAfterMs: 5_000 }],
    [503, undefined, { kind: 'transient' }],
    [500, undefined, { kind: 'transient' }],
    [408, undefined, { kind: 'transient' }],
    [404, undefined, { kind: 'permanent', gone: true }],
    [410, undefined, { kind: 'permanent', gone: true }],
    [403, undefined, { kind: 'permanent', gone: false }],
  ] as const)('treats HTTP %i (Retry-After %s ms) as %o', (status, retryAfterMs, expected) => {
    expect(classifyResponse({ status, retryAfterMs })).toMatchObject(expected);
  });
});

describe('classifyError', () => {
  it('retries timeouts and network errors, gives up on refused or oversized fetches', () => {
    expect(classifyError(new FetchError('timeout', 'fetch: slow')).kind).toBe('transient');
    expect(classifyError(new FetchError('network', 'fetch: reset')).kind).toBe('transient');
    expect(classifyError(new FetchError('private_address', 'fetch: no')).kind).toBe('permanent');
    expect(classifyError(new FetchError('too_large', 'fetch: big')).kind).toBe('permanent');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');
  it('reads delay-seconds and HTTP-dates, and clamps past dates to zero', () => {
    expect(parseRetryAfter('90', now)).toBe(90_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('parseMaxAge', () => {
  it('reads max-age and treats no-store as zero', () => {
    expect(parseMaxAge('public, max-age=600')).toBe(600);
    expect(parseMaxAge('no-store')).toBe(0);
    expect(parseMaxAge('public')).toBeUndefined();
  });
});
