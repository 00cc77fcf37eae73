// /metrics: Prometheus text. Queue depths and the age of the oldest waiting job are read from
// Redis at scrape time; stage metrics come from the workers running in this process.
import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import type { ApiDeps } from './server.js';
import { stages } from '../queues/definitions.js';
import { feedHealth } from '../feeds/health.js';

export function registerMetrics(app: FastifyInstance, deps: ApiDeps): void {
  const { registry } = deps.metrics;
  const { queues } = deps.queues;
  new Gauge({
    name: 'lede_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const stage of stages) {
        const counts = await queues[stage].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: stage, state }, n);
      }
    },
  });
  new Gauge({
    name: 'lede_queue_oldest_waiting_seconds',
    help: 'Age of the oldest waiting job per queue (0 when none wait)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const stage of stages) {
        const [oldest] = await queues[stage].getWaiting(-1, -1);
        this.set({ queue: stage }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
      }
    },
  });
  new Gauge({
    name: 'lede_feeds',
    help: 'Configured feeds by health state (ok, backing_off, failing, stale, new)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts: Record<string, number> = { ok: 0, backing_off: 0, failing: 0, stale: 0, new: 0 };
      for (const feed of deps.feeds.list())
        counts[feedHealth(await deps.store.getFeedState(feed.id), new Date()).state] += 1;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(registry.contentType);
    return deps.metrics.text();
  });
}
