// /healthz: the process lives. /readyz: Redis and the store answer (503 naming what does not).
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './server.js';
import { errorMessage } from '../shared/errors.js';

async function check(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return 'ok';
  } catch (err) {
    return errorMessage(err);
  }
}

export function registerHealth(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const [redis, store] = await Promise.all([check(() => deps.connection.ping()), check(() => deps.store.ping())]);
    const ready = redis === 'ok' && store === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', redis, store });
  });
}
