// A real worker process (`workers/main.ts poll`, as compose runs it) with LEDE_METRICS_PORT:
// its /metrics shows the outcomes of the jobs it ran, beside /healthz, and SIGTERM still stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createRedis } from '../../src/shared/redis.js';
import { PipelineQueues } from '../../src/queues/producers.js';
import { nodeArgs } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const prefix = uniquePrefix('worker-metrics');
const dir = mkdtempSync(join(tmpdir(), 'lede-worker-metrics-'));
const feedsFile = join(dir, 'feeds.yaml');
writeFileSync(feedsFile, 'feeds:\n  - id: wire\n    url: http://127.0.0.1:9/feeds/wire.rss\n');
const redis = createRedis(REDIS_URL, 'worker');
const queues = new PipelineQueues(redis, prefix, loadConfig({}, 'config/lede.yaml').queues);
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await queues.close();
  redis.disconnect();
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
});

describe('a poll worker process with LEDE_METRICS_PORT', () => {
  it('serves the outcomes of the jobs it ran on /metrics', async () => {
    const child = spawn(process.execPath, nodeArgs('src/workers/main.ts', ['poll']), {
      env: {
        PATH: process.env.PATH,
        REDIS_URL,
        LEDE_REDIS_PREFIX: prefix,
        DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
        LEDE_FEEDS: feedsFile,
        LEDE_METRICS_PORT: '0', // a free port, read from the start-up log line
        LEDE_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const port = await waitFor(
      'the worker to start',
      async () => Number(/"metrics_port":(\d+)/.exec(log)?.[1]) || undefined,
      90_000,
      200,
    );

    // A poll for a feed no longer listed: the worker skips it, and counts that.
    await queues.add('poll', { feedId: 'gone', trigger: 'manual' });
    const text = await waitFor(
      'the outcome on /metrics',
      async () => {
        const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return /^lede_stage_outcomes_total\{stage="poll",outcome="skipped"\} 1$/m.test(body) && body;
      },
      60_000,
      200,
    );
    expect(text).toMatch(/^lede_stage_duration_seconds_count\{stage="poll",outcome="skipped"\} 1$/m);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });

    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
  }, 180_000);
});
