// Who may read the API: API keys (read scope) for /v1 and the stream, a rate limit per key and
// CORS for configured origins only. Health, readiness, metrics and /openapi.json stay open so
// probes, scrapers and client generators need no key; the dashboard has its own credentials.
//
// The rate limit is keyed by a key only once it is verified, else by the client address (the
// socket's, never a header), so inventing keys buys no fresh budget. With no keys configured
// the API is open (a single-user install on a private network) and every request counts
// against its address. Failed authentication is throttled per address (auth-failures.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../shared/config.js';
import { FailureThrottle } from './auth-failures.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, for budgets: `key:<sha256>` for a verified key, else `ip:<socket address>`. */
    caller: string;
  }
}

export type AccessConfig = Pick<Config['api'], 'keys' | 'rateLimitPerMinute' | 'corsOrigins' | 'authFailuresPerMinute'>;

// Decided on the matched route, not the raw URL, so an encoded path cannot slip past.
const isProtected = (req: FastifyRequest) => req.routeOptions.url?.startsWith('/v1/') === true;

/** The key a request presents: `Authorization: Bearer KEY` (scheme in any case, RFC 7235) or `X-API-Key: KEY`. */
export function presentedKey(req: FastifyRequest): string | undefined {
  const bearer = /^bearer\s+(.*)$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1].trim() || undefined;
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header ? header : undefined;
}

// Hashing first gives equal-length buffers, so the comparison time says nothing about the key.
const digest = (text: string) => createHash('sha256').update(text).digest();

export function keyMatcher(keys: string[]): (presented: string | undefined) => boolean {
  const known = keys.map(digest);
  return (presented) => {
    if (presented === undefined) return false;
    const d = digest(presented);
    return known.reduce((found, k) => timingSafeEqual(k, d) || found, false);
  };
}

/** Register before the routes: the rate limit attaches to routes added after it. */
export async function registerAccess(app: FastifyInstance, access: AccessConfig): Promise<void> {
  if (access.corsOrigins.length) await app.register(cors, { origin: access.corsOrigins });

  const matches = keyMatcher(access.keys);
  // req.ip is the socket address (trustProxy is off), so no header can choose the budget.
  app.decorateRequest('caller', '');
  app.addHook('onRequest', async (req) => {
    const key = presentedKey(req);
    req.caller = key !== undefined && matches(key) ? `key:${digest(key).toString('hex')}` : `ip:${req.ip}`;
  });
  if (access.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      max: access.rateLimitPerMinute,
      timeWindow: 60_000,
      // Per verified key: clients behind one NAT keep separate budgets. Keys are hashed so
      // they never sit in the limiter's memory in clear.
      keyGenerator: (req) => req.caller,
      allowList: (req) => !isProtected(req),
    });
  }

  if (access.keys.length) {
    const failures =
      access.authFailuresPerMinute > 0 ? new FailureThrottle({ maxFailures: access.authFailuresPerMinute }) : undefined;
    app.addHook('onRequest', async (req, reply) => {
      if (!isProtected(req) || req.method === 'OPTIONS') return;
      // The same answer whatever the key, so a throttled address learns nothing about the keys it tries.
      const waitMs = failures?.blockedFor(req.ip) ?? 0;
      if (waitMs > 0) {
        return reply
          .code(429)
          .header('retry-after', String(Math.ceil(waitMs / 1000)))
          .send({
            error: { code: 'rate_limited', message: 'too many failed authentication attempts from this address' },
          });
      }
      if (!req.caller.startsWith('key:')) {
        failures?.recordFailure(req.ip);
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="lede"')
          .send({
            error: { code: 'unauthorized', message: 'an API key is required: Authorization: Bearer KEY or X-API-Key' },
          });
      }
    });
  }
}
