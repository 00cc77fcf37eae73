// A worker process's own /metrics and /healthz (metrics.port, LEDE_METRICS_PORT), so every
// replica of every stage can be scraped: stage outcomes and durations, fetch statuses, dedupe
// decisions and store latency are counted in the process that does the work. Queue depths and
// feed health are not served here: they are the same from every process, the API serves them
// once, and summing them over replicas would multiply them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StageMetrics } from '../shared/metrics.js';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: StageMetrics, port: number, host: string): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics: ${err.message}\n`),
      );
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: /metrics and /healthz are served here\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Start the server when metrics.port is set; a no-op stopper otherwise. */
export async function serveWorkerMetrics(
  config: { port?: number; host: string },
  metrics: StageMetrics,
): Promise<MetricsServer | undefined> {
  if (config.port === undefined) return undefined;
  return startMetricsServer(metrics, config.port, config.host);
}
