// /healthz: the process lives. /readyz: Redis and the store answer (503 naming what does not).
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './server.js';
import { errorMessage } from '../shared/errors.js';
import { withTimeout } from '../shared/timeout.js';

async function check(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  try {
    await withTimeout(fn(), timeoutMs, 'readyz');
    return 'ok';
  } catch (err) {
    return errorMessage(err);
  }
}

export function registerHealth(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    // While Redis is away a ping would only wait in the offline queue: say so at once.
    const pingRedis = () =>
      deps.connection.status === 'ready'
        ? deps.connection.ping()
        : Promise.reject(new Error(`not connected (${deps.connection.status})`));
    const [redis, store] = await Promise.all([check(pingRedis), check(() => deps.store.ping())]);
    const ready = redis === 'ok' && store === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', redis, store });
  });
}
