import type { LookupAddress } from 'node:dns';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupFunction } from '../../src/fetch/address-guard.js';
import { fetchUrl, type FetchOptions } from '../../src/fetch/http.js';
import { startServer, type TestServer } from './test-server.js';

let server: TestServer;
/** A second server that no test allows: anything it receives came through the guard. */
let forbidden: TestServer;
let opts: FetchOptions;

beforeAll(async () => {
  server = await startServer();
  forbidden = await startServer();
  forbidden.route('/secret', (_req, res) => res.end('secret'));
  opts = { userAgent: 'lede-test/1.0', allowPrivateHosts: [server.host] };
});
afterAll(async () => {
  await server.close();
  await forbidden.close();
});

describe('a plain fetch', () => {
  it('returns status, body, final URL and caching headers, sending our User-Agent', async () => {
    let userAgent: string | undefined;
    server.route('/feed', (req, res) => {
      userAgent = req.headers['user-agent'];
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Sat, 28 Nov 2026 09:00:00 GMT',
        'cache-control': 'public, max-age=300',
      });
      res.end('<rss/>');
    });
    const result = await fetchUrl(`${server.origin}/feed`, opts);
    expect(result).toMatchObject({
      status: 200,
      url: `${server.origin}/feed`,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT',
      cacheMaxAgeS: 300,
      notModified: false,
    });
    expect(result.body.toString()).toBe('<rss/>');
    expect(userAgent).toBe('lede-test/1.0');
  });

  it('refuses a private address that is not allowlisted, without connecting', async () => {
    await expect(fetchUrl(`${forbidden.origin}/secret`, { userAgent: 'lede-test' })).rejects.toMatchObject({
      code: 'private_address',
      message: expect.stringMatching(/^fetch: /),
    });
    expect(forbidden.hits).toEqual([]);
  });

  it('returns 4xx and 5xx as data for the caller to classify', async () => {
    const result = await fetchUrl(`${server.origin}/missing`, opts);
    expect(result.status).toBe(404);
    expect(result.body.toString()).toBe('not found');
  });

  it('refuses URLs that are not http(s)', async () => {
    await expect(fetchUrl('ftp://example.com/feed', opts)).rejects.toMatchObject({ code: 'bad_url' });
    await expect(fetchUrl('not a url', opts)).rejects.toMatchObject({ code: 'bad_url' });
  });
});

describe('when the feed answers 304 to a conditional GET', () => {
  it('sends the validators and reports notModified with an empty body', async () => {
    const seen: Record<string, string | undefined> = {};
    server.route('/conditional', (req, res) => {
      seen.ifNoneMatch = req.headers['if-none-match'];
      seen.ifModifiedSince = req.headers['if-modified-since'];
      res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200, { etag: '"v1"' }).end();
    });
    const result = await fetchUrl(`${server.origin}/conditional`, {
      ...opts,
      etag: '"v1"',
      lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT',
    });
    expect(seen).toEqual({ ifNoneMatch: '"v1"', ifModifiedSince: 'Sat, 28 Nov 2026 09:00:00 GMT' });
    expect(result).toMatchObject({ status: 304, notModified: true });
    expect(result.body.length).toBe(0);
  });
});

describe('redirects', () => {
  beforeAll(() => {
    server.route('/moved', (req, res) => {
      const to = new URL(req.url!, 'http://x').searchParams.get('to')!;
      res.writeHead(301, { location: to }).end();
    });
    server.route('/target', (_req, res) => res.end('arrived'));
    server.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
  });
  const via = (to: string) => `${server.origin}/moved?to=${encodeURIComponent(to)}`;

  it('follows a relative redirect to an allowed host and reports the final URL', async () => {
    const result = await fetchUrl(via('/target'), opts);
    expect(result).toMatchObject({ status: 200, url: `${server.origin}/target` });
    expect(result.body.toString()).toBe('arrived');
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
  ])('refuses a redirect to %s', async (to) => {
    await expect(fetchUrl(via(to), opts)).rejects.toMatchObject({ code: 'private_address' });
  });

  it('refuses a redirect to a loopback port that is not allowlisted, and fetches nothing there', async () => {
    await expect(fetchUrl(via(`${forbidden.origin}/secret`), opts)).rejects.toMatchObject({ code: 'private_address' });
    expect(forbidden.hits).toEqual([]);
  });

  it('gives up on a redirect loop after maxRedirects hops', async () => {
    const before = server.hits.filter((p) => p === '/loop').length;
    await expect(fetchUrl(`${server.origin}/loop`, opts)).rejects.toMatchObject({ code: 'too_many_redirects' });
    expect(server.hits.filter((p) => p === '/loop').length - before).toBe(6);
    await expect(fetchUrl(`${server.origin}/loop`, { ...opts, maxRedirects: 1 })).rejects.toMatchObject({
      code: 'too_many_redirects',
      message: 'fetch: more than 1 redirects from ' + `${server.origin}/loop`,
    });
  });
});

describe('when DNS answers differently at connect time (rebinding)', () => {
  it('refuses the connection even though the first lookup was public', async () => {
    let calls = 0;
    const rebinding = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) => {
      calls += 1;
      callback(null, [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    }) as unknown as LookupFunction;
    await expect(
      fetchUrl(`http://rebind.test:${forbidden.port}/secret`, { userAgent: 'lede-test', lookup: rebinding }),
    ).rejects.toMatchObject({ code: 'private_address' });
    expect(calls).toBe(2);
    expect(forbidden.hits).toEqual([]);
  });
});

describe('size caps', () => {
  beforeAll(() => {
    server.route('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    server.route('/declared-huge', (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x');
    });
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    server.route('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
  });

  it('stops an endless response at the 5 MB default', async () => {
    await expect(fetchUrl(`${server.origin}/endless`, opts)).rejects.toMatchObject({
      code: 'too_large',
      message: 'fetch: response exceeds 5 MB limit',
    });
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    await expect(fetchUrl(`${server.origin}/declared-huge`, opts)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('counts decompressed bytes, so a gzip bomb stops at the cap', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    await expect(fetchUrl(`${server.origin}/bomb`, { ...opts, maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'too_large',
      message: 'fetch: response exceeds 1 MB limit',
    });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('decompression', () => {
  const text = 'Grüße aus Köln — '.repeat(200);
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s', async (encoding, compress) => {
    server.route(`/enc-${encoding}`, (req, res) => {
      expect(req.headers['accept-encoding']).toBe('gzip, deflate, br');
      res.writeHead(200, { 'content-encoding': encoding }).end(compress(Buffer.from(text)));
    });
    const result = await fetchUrl(`${server.origin}/enc-${encoding}`, opts);
    expect(result.body.toString()).toBe(text);
  });

  it('reports a corrupt gzip body as bad_encoding', async () => {
    server.route('/corrupt', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all'));
    await expect(fetchUrl(`${server.origin}/corrupt`, opts)).rejects.toMatchObject({ code: 'bad_encoding' });
  });
});

describe('slow and broken servers', () => {
  it('times out a slow drip within the whole-request limit', async () => {
    server.route('/drip', (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    });
    // The drip never ends, so only the whole-request limit can end the request.
    await expect(fetchUrl(`${server.origin}/drip`, { ...opts, timeoutMs: 600 })).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('times out a server that never sends headers', async () => {
    server.route('/silent', () => {});
    await expect(fetchUrl(`${server.origin}/silent`, { ...opts, headersTimeoutMs: 300 })).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('reports a reset connection as a network error', async () => {
    server.route('/reset', (req) => req.socket.destroy());
    await expect(fetchUrl(`${server.origin}/reset`, opts)).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(/^fetch: /),
    });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startServer();
    await closed.close();
    await expect(fetchUrl(`${closed.origin}/`, { ...opts, allowPrivateHosts: [closed.host] })).rejects.toMatchObject({
      code: 'network',
    });
  });
});

describe('Retry-After and content checks', () => {
  it('parses Retry-After seconds and HTTP-dates', async () => {
    server.route('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    server.route('/down', (_req, res) => res.writeHead(503, { 'retry-after': 'Sat, 28 Nov 2026 10:05:00 GMT' }).end());
    const now = () => Date.parse('2026-11-28T10:00:00Z');
    expect((await fetchUrl(`${server.origin}/busy`, opts)).retryAfterMs).toBe(120_000);
    expect((await fetchUrl(`${server.origin}/down`, { ...opts, now })).retryAfterMs).toBe(300_000);
  });

  it('with requireHtml, refuses a PDF before downloading it', async () => {
    server.route('/report.pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF'));
    server.route('/page', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>'));
    await expect(fetchUrl(`${server.origin}/report.pdf`, { ...opts, requireHtml: true })).rejects.toMatchObject({
      code: 'not_html',
    });
    expect((await fetchUrl(`${server.origin}/page`, { ...opts, requireHtml: true })).body.toString()).toBe('<p>');
  });
});
