// A worker process's /metrics: the stage, fetch, dedupe and store families of the work done in
// this process, in Prometheus text without blank lines, and /healthz beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageMetrics } from '../../src/shared/metrics.js';
import { startMetricsServer, serveWorkerMetrics, type MetricsServer } from '../../src/workers/metrics-server.js';

const metrics = new StageMetrics();
let server: MetricsServer;
let base: string;

beforeAll(async () => {
  server = await startMetricsServer(metrics, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

describe('a worker process with metrics.port set', () => {
  it('serves what its workers counted on /metrics', async () => {
    metrics.observe('fetch', 'ok', 120);
    metrics.fetchStatus.inc({ host: 'wire.example', status: '200' });
    metrics.dedupe.inc({ rule: 'guid', kind: 'update', feed: 'wire' });
    metrics.storeLatency.observe(0.004);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('lede_stage_outcomes_total{stage="fetch",outcome="ok"} 1');
    expect(text).toContain('lede_fetch_responses_total{host="wire.example",status="200"} 1');
    expect(text).toContain('lede_dedupe_decisions_total{rule="guid",kind="update",feed="wire"} 1');
    expect(text).toContain('lede_store_write_seconds_count 1');
    expect(text).toContain('lede_process_resident_memory_bytes');
    expect(text.split('\n').slice(0, -1)).not.toContain('');
  });

  it('answers /healthz, and 404 elsewhere', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/v1/stories`)).status).toBe(404);
  });

  it('serves no HTTP when metrics.port is unset', async () => {
    expect(await serveWorkerMetrics({ host: '127.0.0.1' }, metrics)).toBeUndefined();
  });

  it('refuses to start on a port already taken', async () => {
    await expect(startMetricsServer(metrics, server.port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
  });
});
