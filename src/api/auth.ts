// Who may read the API: API keys (read scope) for /v1 and the stream, a rate limit per key and
// CORS for configured origins only. Health, readiness, metrics and /openapi.json stay open so
// probes, scrapers and client generators need no key; the dashboard has its own credentials.
//
// With no keys configured the API is open (a single-user install on a private network) and
// the rate limit falls back to the client IP.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../shared/config.js';

export type AccessConfig = Pick<Config['api'], 'keys' | 'rateLimitPerMinute' | 'corsOrigins'>;

// Decided on the matched route, not the raw URL, so an encoded path cannot slip past.
const isProtected = (req: FastifyRequest) => req.routeOptions.url?.startsWith('/v1/') === true;

/** The key a request presents: `Authorization: Bearer KEY` or `X-API-Key: KEY`. */
export function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
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

  if (access.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      max: access.rateLimitPerMinute,
      timeWindow: 60_000,
      // Per key: clients behind one NAT keep separate budgets. Keys are hashed so they never
      // sit in the limiter's memory in clear.
      keyGenerator: (req) => {
        const key = presentedKey(req);
        return key ? `key:${digest(key).toString('hex')}` : `ip:${req.ip}`;
      },
      allowList: (req) => !isProtected(req),
    });
  }

  if (access.keys.length) {
    const matches = keyMatcher(access.keys);
    app.addHook('onRequest', async (req, reply) => {
      if (!isProtected(req) || req.method === 'OPTIONS') return;
      if (!matches(presentedKey(req))) {
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
