// Feed health per configured feed: ok, backing off, failing or stale, with the details an
// on-call engineer needs (last success, last error, error streak, items in 24 h, next poll),
// and its schedule: fixed or adaptive, and the interval it currently polls at.
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './server.js';
import { feedHealth } from '../feeds/health.js';
import type { FeedConfig } from '../shared/feed-list.js';
import { baseInterval } from '../feeds/schedule.js';

async function describe(deps: ApiDeps, feed: FeedConfig) {
  const state = await deps.store.getFeedState(feed.id);
  const interval = baseInterval(feed, state ?? { recentItemTimes: [] }, deps.config.feeds);
  const schedule = {
    mode: feed.adaptive ? 'adaptive' : 'fixed',
    intervalSeconds: interval.seconds,
    learned: interval.learned,
  };
  return {
    id: feed.id,
    url: feed.url,
    name: feed.name,
    tags: feed.tags ?? [],
    enabled: feed.enabled !== false,
    schedule,
    health: feedHealth(state, new Date()),
  };
}

export function registerFeedRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/v1/feeds', async () => ({ items: await Promise.all(deps.feeds.list().map((f) => describe(deps, f))) }));
  app.get<{ Params: { id: string } }>('/v1/feeds/:id', async (req, reply) => {
    const feed = deps.feeds.get(req.params.id);
    if (!feed)
      return reply.code(404).send({ error: { code: 'not_found', message: `feed ${req.params.id} not found` } });
    return describe(deps, feed);
  });
}
