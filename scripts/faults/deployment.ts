// A lede deployment made of real processes, for fault and load runs: each worker kind (or the
// all-in-one `npm start` entry) is spawned as `node --import tsx <entry>` so its pid is the
// process itself (kill -9 hits the worker, not an npx wrapper), with env pointing at a unique
// Redis prefix, a store and a feed list. Map:
//   Deployment.spawn / spawnAll / spawnApi   child processes, logs in the run directory
//   Deployment.pollAll                       manual poll jobs (the test drives the polling)
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { writeFeedList } from '../../src/shared/feed-list.js';
import { createRedis, deleteKeysWithPrefix, type RedisClient } from '../../src/shared/redis.js';
import { PipelineQueues } from '../../src/queues/producers.js';
import { loadConfig } from '../../src/shared/config.js';
import { keepRun, waitUntil } from './wait.js';

export interface DeploymentOptions {
  redisUrl: string;
  /** A URL, or one made from the run directory (for a SQLite file). */
  databaseUrl: string | ((dir: string) => string);
  feeds: Array<{ id: string; url: string }>;
  /** host:port of the simulator, allowed despite being loopback. */
  allowHost: string;
  /** Config file contents (LEDE_CONFIG), on top of the schema defaults. */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface LedeProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  alive(): boolean;
  /** Resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Fault runs wait seconds, not minutes, for timeouts and backoff. */
export const FAST_CONFIG = {
  // Every simulated page is on one host: 10 requests/s keeps the politeness path exercised
  // (jobs get delayed) without making the run a test of the limit.
  fetch: { timeoutMs: 5_000, connectTimeoutMs: 2_000, perHostConcurrency: 8, perHostRatePerSecond: 10 },
  extract: { workers: 1, timeoutMs: 10_000 },
  queues: { attempts: 5, backoffMs: 500 },
  feeds: { maxBytes: 2 * 1024 * 1024 },
};

export class Deployment {
  readonly dir = mkdtempSync(join(tmpdir(), 'lede-fault-'));
  /** The key prefix the processes use (hash-tagged on a Redis Cluster). */
  readonly prefix: string;
  readonly env: Record<string, string>;
  readonly processes: LedeProcess[] = [];
  readonly queues: PipelineQueues;
  readonly redis: RedisClient;
  private seq = 0;

  constructor(readonly options: DeploymentOptions) {
    const feedsFile = join(this.dir, 'feeds.yaml');
    writeFeedList(
      feedsFile,
      options.feeds.map((f) => ({ ...f, interval: 3600 })),
    );
    const configFile = join(this.dir, 'lede.yaml');
    writeFileSync(configFile, stringify(options.config ?? FAST_CONFIG));
    this.env = {
      LEDE_CONFIG: configFile,
      REDIS_URL: options.redisUrl,
      DATABASE_URL: typeof options.databaseUrl === 'string' ? options.databaseUrl : options.databaseUrl(this.dir),
      LEDE_FEEDS: feedsFile,
      LEDE_REDIS_PREFIX: `lede-fault-${randomBytes(4).toString('hex')}`,
      LEDE_FETCH_ALLOW_PRIVATE_HOSTS: options.allowHost,
      LEDE_LOG_LEVEL: 'info',
      ...options.env,
    };
    const config = loadConfig(this.env);
    this.prefix = config.redis.prefix;
    // A worker-style connection: it queues commands while Redis is away instead of failing.
    this.redis = createRedis(options.redisUrl, 'worker');
    this.redis.on('error', () => {});
    this.queues = new PipelineQueues(this.redis, this.prefix, config.queues);
    // Redis going away is the point of some runs: the producer waits it out, quietly.
    for (const q of Object.values(this.queues.queues)) q.on('error', () => {});
  }

  /** Start `node --import tsx <entry> <args>`; output goes to <dir>/<name>-<n>.log. */
  spawnEntry(name: string, entry: string, args: string[] = [], env: Record<string, string> = {}): LedeProcess {
    const log = openSync(join(this.dir, `${name}-${++this.seq}.log`), 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...this.env, ...env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const proc: LedeProcess = {
      name,
      pid: child.pid!,
      child,
      alive: () => child.exitCode === null && child.signalCode === null,
      async kill(signal) {
        if (proc.alive()) child.kill(signal);
        await exited;
      },
    };
    this.processes.push(proc);
    return proc;
  }

  /** One worker process running the given kinds (`npm run worker -- <kinds>`). */
  spawn(...kinds: string[]): LedeProcess {
    return this.spawnEntry(kinds.join('+'), 'src/workers/main.ts', kinds);
  }

  /** The API process on a free port; resolves once /healthz answers. */
  async spawnApi(port: number): Promise<LedeProcess> {
    const proc = this.spawnEntry('api', 'src/api/main.ts', [], { LEDE_API_PORT: String(port) });
    await waitUntil('the API to listen', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 180_000);
    return proc;
  }

  /** Manual poll jobs for every feed (a manual trigger always polls; 304s cost no parse). */
  async pollAll(): Promise<void> {
    for (const f of this.options.feeds) await this.queues.add('poll', { feedId: f.id, trigger: 'manual' });
  }

  /** Keep polling every feed every `everyMs` until the returned stop function is called. */
  pollEvery(everyMs: number): () => void {
    let stopped = false;
    const loop = async () => {
      while (!stopped) {
        // While Redis is away the add fails; the next round tries again.
        await this.pollAll().catch(() => {});
        await new Promise((r) => setTimeout(r, everyMs));
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }

  /** Jobs per state in one queue. */
  counts(stage: 'poll' | 'fetch' | 'enrich' | 'store') {
    return this.queues.queues[stage].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
  }

  logs(): string {
    return this.processes.map((p) => `${p.name} ${p.pid}`).join(', ');
  }

  /** Logs, files and Redis keys are kept when FAULTS_KEEP=1 (to read after a failed run). */
  async destroy(keep = keepRun()): Promise<void> {
    await Promise.all(this.processes.map((p) => p.kill('SIGKILL')));
    await this.queues.close().catch(() => {});
    if (keep) {
      console.log(`fault run kept: files in ${this.dir}, Redis keys under ${this.prefix}`);
    } else {
      await deleteKeysWithPrefix(this.redis, this.prefix).catch(() => {});
      rmSync(this.dir, { recursive: true, force: true });
    }
    this.redis.disconnect();
  }
}
