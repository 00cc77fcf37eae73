// The one HTTP client every stage uses to talk to the outside world. Per request it:
//   1. checks the URL and each redirect target with the private-address guard (address-guard.ts)
//      and connects through a DNS lookup that re-checks, so rebinding cannot slip through;
//   2. follows at most maxRedirects redirects itself (undici's request does not), GETs only: a
//      POST (WebSub subscribe, webhook) never follows one, so a receiver cannot bounce a signed
//      body to another address;
//   3. bounds connect, header and whole-request time;
//   4. streams the body through a byte cap, before and after decompression (zip bombs);
//   5. returns every HTTP status as data; classify.ts decides what a status means.
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { assertPublicUrl, guardedLookup, isAllowlisted, type LookupFunction } from './address-guard.js';
import { FetchError } from './errors.js';
import { parseMaxAge, parseRetryAfter } from './response-headers.js';

export { FetchError } from './errors.js';

export interface FetchOptions {
  /** Sent as User-Agent on every request (robots.txt matching uses the same string). */
  userAgent: string;
  /** `host` or `host:port` entries that may resolve to private addresses. Default: none. */
  allowPrivateHosts?: readonly string[];
  /** Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** From sending the request to the response headers, per hop. Default 15 000 ms. */
  headersTimeoutMs?: number;
  /** The whole fetch: every redirect hop and the full body. Default 30 000 ms. */
  timeoutMs?: number;
  /** Largest body accepted, counted as sent and once decompressed. Default 5 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Validators from the previous fetch, for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Accept header. Default `*∕*`. */
  accept?: string;
  /** Refuse (code not_html) a 2xx whose Content-Type is not HTML, before reading its body. */
  requireHtml?: boolean;
  /** DNS resolver. Default dns.lookup; tests pass one to simulate DNS rebinding. */
  lookup?: LookupFunction;
  /** Clock for Retry-After dates. Default Date.now. */
  now?: () => number;
  /** Default GET. A POST's 3xx is returned as its answer, never followed. */
  method?: 'GET' | 'POST';
  /** Request body, for a POST. */
  body?: string;
  /** Extra request headers (content-type, signatures). */
  headers?: Record<string, string>;
}

export interface FetchResult {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed; empty for 304. */
  body: Buffer;
  notModified: boolean;
  /** The raw Content-Type header, charset included (feeds need it to decode). */
  contentType?: string;
  etag?: string;
  lastModified?: string;
  retryAfterMs?: number;
  cacheMaxAgeS?: number;
}

const MB = 1024 * 1024;
const defaults = {
  allowPrivateHosts: [] as readonly string[],
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  timeoutMs: 30_000,
  maxBytes: 5 * MB,
  maxRedirects: 5,
  accept: '*/*',
  requireHtml: false,
  now: Date.now,
  method: 'GET' as 'GET' | 'POST',
};
type ResolvedOptions = typeof defaults & FetchOptions;

export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const opts: ResolvedOptions = { ...defaults, ...withoutUndefined(options), userAgent: options.userAgent };
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  let current = parseHttpUrl(url);
  for (let redirects = 0; ; redirects++) {
    await assertPublicUrl(current, opts.allowPrivateHosts, opts.lookup);
    // One short-lived Agent per hop: its DNS guard depends on whether this hop's host is
    // allowlisted, and a poller gains little from keeping connections open between fetches.
    const agent = new Agent({
      connect: {
        timeout: opts.connectTimeoutMs,
        // IP literals never reach lookup; assertPublicUrl has checked those.
        lookup: isAllowlisted(current, opts.allowPrivateHosts) ? undefined : guardedLookup(opts.lookup),
      },
      headersTimeout: opts.headersTimeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    try {
      const response = await send(current, opts, agent, deadline);
      const location = response.headers.location;
      const isRedirect = response.statusCode >= 300 && response.statusCode < 400 && location !== undefined;
      if (isRedirect && opts.method === 'GET') {
        discard(response.body);
        if (redirects >= opts.maxRedirects) {
          throw new FetchError('too_many_redirects', `fetch: more than ${opts.maxRedirects} redirects from ${url}`);
        }
        current = parseHttpUrl(String(location), current);
        continue;
      }
      return await readResponse(current, response, opts, deadline);
    } catch (err) {
      throw asFetchError(err, current, opts, deadline);
    } finally {
      void agent.destroy();
    }
  }
}

async function send(url: URL, opts: ResolvedOptions, agent: Agent, signal: AbortSignal) {
  const headers: Record<string, string> = {
    ...opts.headers,
    'user-agent': opts.userAgent,
    accept: opts.accept,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const { method, body } = opts;
  return request(url, { dispatcher: agent, method, headers, body, signal, maxRedirections: 0 });
}

async function readResponse(
  url: URL,
  response: Dispatcher.ResponseData,
  opts: ResolvedOptions,
  signal: AbortSignal,
): Promise<FetchResult> {
  const headers = flattenHeaders(response.headers);
  const status = response.statusCode;
  const contentType = headers['content-type'];
  if (opts.requireHtml && status >= 200 && status < 300 && contentType && !isHtml(contentType)) {
    discard(response.body);
    throw new FetchError('not_html', `fetch: expected an HTML page at ${url.href}, got ${contentType}`);
  }
  const declaredLength = Number(headers['content-length']);
  if (declaredLength > opts.maxBytes) {
    discard(response.body);
    throw tooLarge(opts.maxBytes);
  }
  const body =
    status === 304 ? (discard(response.body), Buffer.alloc(0)) : await readBody(response.body, headers, opts, signal);
  return {
    status,
    url: url.href,
    headers,
    body,
    notModified: status === 304,
    contentType,
    etag: headers.etag,
    lastModified: headers['last-modified'],
    retryAfterMs: parseRetryAfter(headers['retry-after'], opts.now()),
    cacheMaxAgeS: parseMaxAge(headers['cache-control']),
  };
}

/** Reads the body through the cap, as sent and again after each decoding step. */
async function readBody(
  body: Readable,
  headers: Record<string, string>,
  opts: ResolvedOptions,
  signal: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > opts.maxBytes) return callback(tooLarge(opts.maxBytes));
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline([body, byteCap(opts.maxBytes), ...decoders(headers['content-encoding']), collect], { signal });
  return Buffer.concat(chunks, size);
}

function byteCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      callback(seen > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
}

/** Decoders in the order to apply them: Content-Encoding lists the encodings as applied. */
function decoders(contentEncoding: string | undefined): Transform[] {
  if (!contentEncoding) return [];
  return contentEncoding
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'identity')
    .reverse()
    .map((encoding) => {
      switch (encoding) {
        case 'gzip':
        case 'x-gzip':
          return zlib.createGunzip();
        case 'deflate':
          return zlib.createInflate();
        case 'br':
          return zlib.createBrotliDecompress();
        default:
          throw new FetchError('bad_encoding', `fetch: unsupported Content-Encoding ${encoding}`);
      }
    });
}

function asFetchError(err: unknown, url: URL, opts: ResolvedOptions, deadline: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  const cause = (err as { cause?: unknown })?.cause;
  if (cause instanceof FetchError) return cause;
  if (deadline.aborted) {
    return new FetchError('timeout', `fetch: ${url.href} took longer than ${opts.timeoutMs} ms`, { cause: err });
  }
  const rawCode = (err as { code?: unknown })?.code;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError('timeout', `fetch: connecting to ${url.host} timed out`, { cause: err });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new FetchError('timeout', `fetch: ${url.href} stopped responding`, { cause: err });
  }
  if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1') {
    const reason = `fetch: corrupt compressed body from ${url.href}: ${message}`;
    return new FetchError('bad_encoding', reason, { cause: err });
  }
  return new FetchError('network', `fetch: ${url.href}: ${code || message}`, { cause: err });
}

function parseHttpUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new FetchError('bad_url', `fetch: not a valid URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', `fetch: only http and https URLs are fetched, not ${url.protocol}`);
  }
  return url;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function isHtml(contentType: string): boolean {
  return /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(contentType);
}

function tooLarge(maxBytes: number): FetchError {
  const limit = maxBytes % MB === 0 ? `${maxBytes / MB} MB` : `${maxBytes} bytes`;
  return new FetchError('too_large', `fetch: response exceeds ${limit} limit`);
}

/** Drops a body we will not read. undici reports the abort as an 'error' event; nobody else is listening. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
