// Who may read: API keys for /v1 and the stream, open probes, a rate limit per key, CORS only
// for configured origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

const KEY = 'k-reader-0123456789abcdef';
const OTHER_KEY = 'k-other-0123456789abcdef';

describe('with API keys configured', () => {
  let api: TestApi;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.base}${path}`, { headers });

  beforeAll(async () => {
    api = await startTestApi('access', { LEDE_API_KEYS: `${KEY},${OTHER_KEY}`, LEDE_API_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => api?.close());

  it('answers 401 without a key or with a wrong one, on the API and the stream', async () => {
    for (const path of ['/v1/stories', '/v1/articles/x', '/v1/feeds', '/v1/stream']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await get('/v1/stories', { authorization: 'Bearer not-a-key-at-all-really' })).status).toBe(401);
    expect((await get('/v1/stories', { 'x-api-key': KEY.slice(0, -1) })).status).toBe(401);
    // A percent-encoded path reaches the same route, and the same check.
    expect((await get('/%761/stories')).status).toBe(401);
  });

  it('accepts a key as a Bearer token or in X-API-Key', async () => {
    expect((await get('/v1/stories', { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await get('/v1/stories', { 'x-api-key': OTHER_KEY })).status).toBe(200);
  });

  it('keeps health, readiness, metrics and the OpenAPI document open', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
      expect((await get(path)).status, path).toBe(200);
  });

  it('answers 429 past the per-key rate limit, and counts each key separately', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get('/v1/feeds', { 'x-api-key': KEY })).status);
    // One request of the budget went to the previous test.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)).toBe(429);
    const limited = await get('/v1/feeds', { 'x-api-key': KEY });
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await get('/v1/feeds', { authorization: `Bearer ${OTHER_KEY}` })).status).toBe(200);
    // Probes are never limited.
    for (let i = 0; i < 10; i++) expect((await get('/healthz')).status).toBe(200);
  });
});

describe('without API keys', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('open');
  });
  afterAll(() => api?.close());

  it('is open, and sends no CORS headers by default', async () => {
    const res = await fetch(`${api.base}/v1/stories`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.base}/v1/stories`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('with CORS origins configured', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('cors', { LEDE_API_CORS_ORIGINS: 'https://newsroom.example', LEDE_API_KEYS: KEY });
  });
  afterAll(() => api?.close());

  it('allows the configured origin only, and answers its preflight without a key', async () => {
    const allowed = await fetch(`${api.base}/v1/stories`, {
      headers: { origin: 'https://newsroom.example', 'x-api-key': KEY },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
    const other = await fetch(`${api.base}/v1/stories`, {
      headers: { origin: 'https://evil.example', 'x-api-key': KEY },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.base}/v1/stories`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://newsroom.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-api-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
  });
});
