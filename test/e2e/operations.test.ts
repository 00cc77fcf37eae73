// What on-call engineers use, during a real run: metrics, the dashboard, readiness, and the
// failed-job tools (a page that fails, then serves, is retried to success).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { jobsCommand, statsCommand } from '../../src/cli/jobs.js';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { startPipeline, type TestPipeline } from '../support/pipeline.js';
import { waitFor } from '../support/wait.js';

const [good, flaky] = loadStories().slice(1, 3);
let sim: WireSimulator;
let lede: TestPipeline;
let rt: Runtime;
let base: string;
const auth = `Basic ${Buffer.from('oncall:s3cret').toString('base64')}`;

beforeAll(async () => {
  sim = await startWireSimulator({ stories: [good, flaky], feeds: ['wire'] });
  sim.setFault(`/news/${flaky.slug}`, { kind: 'status', status: 500 });
  lede = await startPipeline({
    name: 'ops',
    feeds: { wire: sim.feedUrl('wire') },
    allowHosts: [new URL(sim.url).host],
    env: {
      LEDE_QUEUE_ATTEMPTS: '2',
      LEDE_QUEUE_BACKOFF_MS: '100',
      LEDE_DASHBOARD_USER: 'oncall',
      LEDE_DASHBOARD_PASSWORD: 's3cret',
    },
  });
  ({ rt, base } = lede);
  await rt.queues.add('poll', { feedId: 'wire', trigger: 'manual' });
}, 60_000);

afterAll(async () => {
  await lede?.close();
  await sim?.close();
}, 60_000);

const run = async (fn: (out: (l: string) => void) => Promise<number>) => {
  const lines: string[] = [];
  await fn((l) => lines.push(l));
  return lines;
};

describe('on-call tools during a run', () => {
  it('lists a failed job with its reason, and retries it to success once the page serves', async () => {
    const failed = await waitFor(
      'the flaky page to fail',
      async () => {
        const lines = await run((out) => jobsCommand(rt.config, ['failed', '--queue', 'fetch'], out));
        return lines.find((l) => l.includes(flaky.slug));
      },
      60_000,
    );
    expect(failed).toMatch(/^fetch\/\S+\tattempts=2\t.*500/);

    sim.setFault(`/news/${flaky.slug}`, null);
    const id = failed.split('\t')[0];
    expect(await run((out) => jobsCommand(rt.config, ['retry', id], out))).toEqual([`retrying ${id}`]);
    await waitFor(
      'both stories stored',
      async () => {
        const res = await fetch(`${base}/v1/stories`);
        const body = (await res.json()) as { items: unknown[] };
        return body.items.length === 2;
      },
      60_000,
    );
    expect(await run((out) => jobsCommand(rt.config, ['failed'], out))).toEqual(['no failed jobs']);
  }, 120_000);

  it('reports queues and feeds in lede stats', async () => {
    const lines = await run((out) => statsCommand(rt.config, out));
    expect(lines[0]).toMatch(/^queue\twaiting\tactive\tdelayed\tfailed\tcompleted_last_hour/);
    const store = lines.find((l) => l.startsWith('store\t'))!;
    expect(Number(store.split('\t')[5])).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toMatch(/^feeds\t1\tok=1/);
  });

  it('exposes every metric family with values where work happened', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (pattern: RegExp) => {
      const line = text.split('\n').find((l) => pattern.test(l) && !l.startsWith('#'));
      return line ? Number(line.split(' ').at(-1)) : undefined;
    };
    expect(value(/^lede_queue_jobs\{queue="store",state="completed"\}/)).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^lede_queue_oldest_waiting_seconds\{queue="fetch"\} /m);
    expect(value(/^lede_stage_duration_seconds_count\{stage="fetch",outcome="extracted"\}/)).toBeGreaterThanOrEqual(2);
    expect(value(/^lede_stage_outcomes_total\{stage="fetch",outcome="failed"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^lede_fetch_responses_total\{host="[^"]+",status="500"\}/)).toBeGreaterThanOrEqual(2);
    expect(value(/^lede_fetch_responses_total\{host="[^"]+",status="200"\}/)).toBeGreaterThanOrEqual(2);
    expect(value(/^lede_dedupe_decisions_total\{rule="[^"]+",kind="new",feed="wire"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^lede_store_write_seconds_count /)).toBeGreaterThanOrEqual(2);
    expect(value(/^lede_feeds\{state="ok"\}/)).toBe(1);
    expect(value(/^lede_feeds\{state="failing"\}/)).toBe(0);
    expect(value(/^lede_process_resident_memory_bytes /)).toBeGreaterThan(0);
    expect(text).toMatch(/^lede_nodejs_eventloop_lag_seconds /m);
  });

  it('guards the dashboard with credentials and lists every queue behind them', async () => {
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${base}/admin/queues`, { headers: { authorization: 'Basic b25jYWxsOndyb25n' } })).status).toBe(
      401,
    );
    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: auth } });
    expect(page.status).toBe(200);
    const res = await fetch(`${base}/admin/queues/api/queues?activeQueue=fetch&status=latest&page=1`, {
      headers: { authorization: auth },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['enrich', 'fetch', 'poll', 'store']);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ redis: 'ok', store: 'ok' });
  });
});
