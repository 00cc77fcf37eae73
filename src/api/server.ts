// The HTTP API (fastify): health, the query API, feed health, metrics and the dashboard.
//   /healthz, /readyz            health.ts
//   API keys, rate limit, CORS   auth.ts (before the routes it guards)
//   /v1/stories, /v1/articles    routes-stories.ts (JSON or ninjs: ninjs.ts)
//   /v1/feeds                    routes-feeds.ts
//   /v1/stream                   routes-stream.ts (Server-Sent Events from the change stream)
//   /websub/<feedId>             routes-websub.ts (WebSub hub callbacks; on with api.publicUrl)
//   /openapi.json                openapi.ts
//   /metrics                     metrics.ts
//   /admin/queues                dashboard.ts
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Runtime } from '../app/runtime.js';
import { InvalidQueryError } from '../storage/index.js';
import { registerHealth } from './health.js';
import { registerStoryRoutes } from './routes-stories.js';
import { registerFeedRoutes } from './routes-feeds.js';
import { registerMetrics } from './metrics.js';
import { registerDashboard } from './dashboard.js';
import { registerAccess } from './auth.js';
import { registerOpenApi } from './openapi.js';
import { registerStreamRoutes } from './routes-stream.js';
import { registerWebSubRoutes } from './routes-websub.js';

export type ApiDeps = Pick<Runtime, 'config' | 'logger' | 'store' | 'connection' | 'queues' | 'metrics' | 'feeds'>;

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // The cast widens pino's logger to fastify's base type, or the app's type is pino-specific.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.logger.child({ component: 'api' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    // A bad cursor or time from the store is the caller's mistake, like a bad parameter.
    const status =
      err instanceof InvalidQueryError ? 400 : err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err: err.message, url: req.url }, 'request failed');
    const code = status >= 500 ? 'internal' : status === 429 ? 'rate_limited' : 'bad_request';
    void reply.code(status).send({ error: { code, message: err.message } });
  });
  await registerAccess(app, deps.config.api);
  registerHealth(app, deps);
  registerOpenApi(app);
  registerStoryRoutes(app, deps.store);
  registerFeedRoutes(app, deps);
  registerStreamRoutes(app, deps);
  registerWebSubRoutes(app, deps);
  registerMetrics(app, deps);
  await registerDashboard(app, deps);
  return app;
}

export async function startApi(
  deps: ApiDeps,
  port = deps.config.api.port,
): Promise<{ app: FastifyInstance; port: number; close(): Promise<void> }> {
  const app = await buildApi(deps);
  await app.listen({ port, host: deps.config.api.host });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { app, port: bound, close: () => app.close() };
}
