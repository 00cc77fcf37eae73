// The HTTP API (fastify): health, the query API, feed health, metrics and the dashboard.
//   /healthz, /readyz            health.ts
//   /v1/stories, /v1/articles    routes-stories.ts
//   /v1/feeds                    routes-feeds.ts
//   /metrics                     metrics.ts
//   /admin/queues                dashboard.ts
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Runtime } from '../workers/runtime.js';
import { InvalidQueryError } from '../storage/index.js';
import { registerHealth } from './health.js';
import { registerStoryRoutes } from './routes-stories.js';
import { registerFeedRoutes } from './routes-feeds.js';
import { registerMetrics } from './metrics.js';
import { registerDashboard } from './dashboard.js';

export type ApiDeps = Pick<Runtime, 'config' | 'logger' | 'store' | 'connection' | 'queues' | 'metrics' | 'feeds'>;

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger.child({ component: 'api' }) as FastifyBaseLogger, disableRequestLogging: true });
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    // A bad cursor or time from the store is the caller's mistake, like a bad parameter.
    const status = err instanceof InvalidQueryError ? 400 : err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err: err.message, url: req.url }, 'request failed');
    void reply.code(status).send({ error: { code: status === 500 ? 'internal' : 'bad_request', message: err.message } });
  });
  registerHealth(app, deps);
  registerStoryRoutes(app, deps.store);
  registerFeedRoutes(app, deps);
  registerMetrics(app, deps);
  await registerDashboard(app, deps);
  return app;
}

export async function startApi(deps: ApiDeps, port = deps.config.api.port): Promise<{ app: FastifyInstance; port: number; close(): Promise<void> }> {
  const app = await buildApi(deps);
  await app.listen({ port, host: deps.config.api.host });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { app, port: bound, close: () => app.close() };
}
