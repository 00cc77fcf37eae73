// Abuse of the API from one client address: invented keys, wrong keys, odd auth spellings and
// out-of-range times. Self-contained (its own runtime on SQLite and a Redis prefix, HTTP on
// 127.0.0.1) so it does not depend on the shared API harness.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/app/runtime.js';
import { startApi } from '../../src/api/server.js';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

const KEY = 'k-abuse-0123456789abcdef';

async function api(name: string, env: Record<string, string>) {
  const prefix = uniquePrefix(name);
  const dir = mkdtempSync(join(tmpdir(), `lede-${name}-`));
  const loaded = loadConfig(
    { REDIS_URL, DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`, LEDE_REDIS_PREFIX: prefix, ...env },
    'config/lede.yaml',
  );
  const rt = await createRuntime({ ...loaded, api: { ...loaded.api, host: '127.0.0.1' } }, createLogger('silent'));
  const server = await startApi(rt, 0);
  const base = `http://127.0.0.1:${server.port}`;
  return {
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }),
    async close() {
      await server.close();
      await rt.close();
      await deleteKeys(prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const randomKey = () => `k-${randomBytes(12).toString('hex')}`;

describe('with no API keys configured and a limit of 5 per minute', () => {
  let open: Awaited<ReturnType<typeof api>>;
  beforeAll(async () => {
    open = await api('abuse-open', { LEDE_API_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => open?.close());

  it('counts requests with a fresh random X-API-Key or Bearer token each against the client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const headers: Record<string, string> =
        i % 2 ? { 'x-api-key': randomKey() } : { authorization: `Bearer ${randomKey()}` };
      statuses.push((await open.get('/v1/feeds', headers)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('with API keys configured and 5 failed attempts allowed per minute', () => {
  let keyed: Awaited<ReturnType<typeof api>>;
  beforeAll(async () => {
    keyed = await api('abuse-keys', { LEDE_API_KEYS: KEY, LEDE_API_AUTH_FAILURES_PER_MINUTE: '5' });
  });
  afterAll(() => keyed?.close());

  it('accepts the bearer scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER'])
      expect((await keyed.get('/v1/feeds', { authorization: `${scheme} ${KEY}` })).status, scheme).toBe(200);
  });

  it('answers 401 to wrong keys, then 429 with Retry-After, and then even the right key waits', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await keyed.get('/v1/stories', { 'x-api-key': randomKey() })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await keyed.get('/v1/stories', { 'x-api-key': randomKey() });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('rate_limited');
    // The throttle answers before the key is checked: a guesser learns nothing more this minute.
    expect((await keyed.get('/v1/stories', { authorization: `Bearer ${KEY}` })).status).toBe(429);
    // Probes stay open.
    expect((await keyed.get('/healthz')).status).toBe(200);
  });
});

describe('time parameters', () => {
  let open: Awaited<ReturnType<typeof api>>;
  beforeAll(async () => {
    open = await api('abuse-times', {});
  });
  afterAll(() => open?.close());

  it('refuses a since or until outside four-digit years, or not a time at all, with 400', async () => {
    for (const query of [
      'since=99999-01-01',
      'until=%2B099999-01-01T00:00:00Z',
      'since=yesterday',
      'since=2026-13-40',
    ]) {
      const res = await open.get(`/v1/articles?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.message).toMatch(/parameter "(since|until)"/);
    }
  });

  it('accepts ISO 8601 dates and times with offsets', async () => {
    for (const query of ['since=2026-01-01', 'since=2026-01-01T10:00:00Z', 'until=2026-01-01T10:00:00.123%2B02:00'])
      expect((await open.get(`/v1/articles?${query}`)).status, query).toBe(200);
  });
});
