// A Redis of our own for fault runs (the machine's Redis is shared and must not be restarted):
// AOF on, fsync every second, as production runs it (see README), in a temp directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { keepRun, waitUntil } from './wait.js';

export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILL (crash) or SIGTERM (clean shutdown, AOF flushed); resolves once it has exited. */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Start it again on the same port and directory (the AOF is replayed). */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnRedis(port: number): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-fault-redis-'));
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;

  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    await waitUntil(
      `redis on ${port}`,
      async () => {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          // While the AOF loads, Redis answers LOADING: wait until it serves.
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      },
      15_000,
    );
  };

  const stop = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM') => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };

  await start();
  return {
    url,
    port,
    stop,
    start,
    async destroy() {
      if (keepRun()) return console.log(`fault run kept: Redis on port ${port}, data in ${dir}`);
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
