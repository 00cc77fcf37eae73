// bull-board at /admin/queues behind HTTP basic auth (credentials from config, separate from
// API keys). Off while no password is configured; optionally read-only.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { ApiDeps } from './server.js';

const BASE = '/admin/queues';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function registerDashboard(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { dashboardUser, dashboardPassword, dashboardReadOnly } = deps.config.api;
  if (!dashboardPassword) {
    app.get(`${BASE}*`, async (_req, reply) =>
      reply.code(404).send({
        error: { code: 'disabled', message: 'dashboard is off: set api.dashboardPassword (LEDE_DASHBOARD_PASSWORD)' },
      }),
    );
    return;
  }
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BASE);
  createBullBoard({
    queues: Object.values(deps.queues.queues).map((q) => new BullMQAdapter(q, { readOnlyMode: dashboardReadOnly })),
    serverAdapter,
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      const header = req.headers.authorization ?? '';
      const [scheme, encoded] = header.split(' ');
      const [user, ...rest] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString().split(':') : [];
      if (!user || !safeEqual(user, dashboardUser) || !safeEqual(rest.join(':'), dashboardPassword)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Basic realm="lede"')
          .send({ error: { code: 'unauthorized', message: 'dashboard credentials required' } });
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BASE });
  });
}
