// An in-process lede for end-to-end tests: its own Redis prefix, SQLite file and feed list,
// the stage workers, and optionally the API on a random port. close() undoes all of it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start.js';
import type { WorkerKind } from '../../src/workers/kinds.js';
import { startApi } from '../../src/api/server.js';
import { compiledPath } from './compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from './redis.js';

export interface TestPipeline {
  rt: Runtime;
  workers: RunningWorkers;
  /** http://127.0.0.1:PORT of the API, when started. */
  base: string;
  dir: string;
  close(): Promise<void>;
}

export async function startPipeline(opts: {
  name: string;
  feeds: Record<string, string>;
  /** host:port entries the fetcher may reach although private (the simulator's). */
  allowHosts: string[];
  env?: Record<string, string>;
  /** Another Redis than the shared one (a cluster, a Sentinel set). */
  redisUrl?: string;
  kinds?: WorkerKind[];
  api?: boolean;
}): Promise<TestPipeline> {
  const prefix = uniquePrefix(opts.name);
  const dir = mkdtempSync(join(tmpdir(), `lede-${opts.name}-`));
  const feedsFile = join(dir, 'feeds.yaml');
  const entries = Object.entries(opts.feeds).map(([id, url]) => `  - id: ${id}\n    url: ${url}\n    interval: 3600\n`);
  writeFileSync(feedsFile, `feeds:\n${entries.join('')}`);
  const config = loadConfig({
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_FEEDS: feedsFile,
    LEDE_REDIS_PREFIX: prefix,
    LEDE_FETCH_ALLOW_PRIVATE_HOSTS: opts.allowHosts.join(','),
    LEDE_QUEUE_BACKOFF_MS: '200',
    // One extraction process, not one per core: each costs a second or more of CPU to start.
    LEDE_EXTRACT_WORKERS: '1',
    ...opts.env,
  });
  const rt = await createRuntime(config, createLogger('silent'));
  const workers = startWorkers(rt, opts.kinds ?? ['poll', 'fetch', 'enrich', 'store'], {
    extractWorkerEntry: compiledPath('src/extract/pool-worker.ts'),
  });
  const api = opts.api === false ? undefined : await startApi(rt, 0);
  return {
    rt,
    workers,
    base: api ? `http://127.0.0.1:${api.port}` : '',
    dir,
    async close() {
      await api?.close();
      await workers.stop();
      await rt.close();
      await deleteKeys(config.redis.prefix, config.redis.url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
