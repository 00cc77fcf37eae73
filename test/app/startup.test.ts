// What a lede process checks before it takes a job: the feed list is readable and valid, and
// its store and its Redis prefix belong to one deployment. Real Redis (a unique prefix), SQLite.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRuntime } from '../../src/app/runtime.js';
import { queuesCommand } from '../../src/cli/queues.js';
import { nodeArgs } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-startup-'));
const prefix = uniquePrefix('startup');
const feedsFile = join(dir, 'feeds.yaml');
writeFileSync(feedsFile, 'feeds:\n  - id: wire\n    url: http://127.0.0.1:8090/feeds/wire.rss\n');
const silent = createLogger('silent');
const configFor = (env: Record<string, string>) =>
  loadConfig(
    {
      REDIS_URL,
      LEDE_REDIS_PREFIX: prefix,
      DATABASE_URL: `sqlite:${join(dir, 'a.db')}`,
      LEDE_FEEDS: feedsFile,
      ...env,
    },
    'config/lede.yaml',
  );

afterAll(async () => {
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up with a bad feed list', () => {
  it('refuses to start, naming the file and the reason', async () => {
    await expect(createRuntime(configFor({ LEDE_FEEDS: '/nonexistent.yaml' }), silent)).rejects.toThrow(
      /feeds: cannot read \/nonexistent\.yaml: ENOENT/,
    );
    const short = join(dir, 'short.yaml');
    writeFileSync(short, 'feeds:\n  - id: wire\n    url: http://127.0.0.1:8090/feeds/wire.rss\n    interval: 3\n');
    await expect(createRuntime(configFor({ LEDE_FEEDS: short }), silent)).rejects.toThrow(
      /short\.yaml: "feeds\.0\.interval": Too small/,
    );
  });

  it('makes `npm start` (src/main.ts) exit 1 with that message', async () => {
    const child = spawn(process.execPath, nodeArgs('src/main.ts'), {
      env: {
        PATH: process.env.PATH,
        REDIS_URL,
        LEDE_REDIS_PREFIX: prefix,
        DATABASE_URL: `sqlite:${join(dir, 'main.db')}`,
        LEDE_FEEDS: '/nonexistent.yaml',
        LEDE_API_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // 'close': the process has exited and its output has all been read.
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(output).toContain('/nonexistent.yaml');
  }, 120_000); // the exit itself is the signal
});

describe('a store and a Redis prefix of different deployments', () => {
  it('refuses to start, says which setting to change, and starts once the prefix is reset', async () => {
    const first = await createRuntime(configFor({}), silent);
    await first.close();
    // The same store again is the same deployment.
    await (await createRuntime(configFor({}), silent)).close();

    const other = configFor({ DATABASE_URL: `sqlite:${join(dir, 'b.db')}` });
    const refused = createRuntime(other, silent);
    await expect(refused).rejects.toThrow(/Redis prefix ".*" holds the job history of another store/);
    await expect(refused).rejects.toThrow(/LEDE_REDIS_PREFIX/);
    await expect(refused).rejects.toThrow(/lede queues reset --yes/);

    // A new prefix works at once.
    const freshPrefix = uniquePrefix('startup-fresh');
    try {
      await (await createRuntime({ ...other, redis: { ...other.redis, prefix: freshPrefix } }, silent)).close();
    } finally {
      await deleteKeys(freshPrefix);
    }

    // So does clearing the old prefix's history.
    const lines: string[] = [];
    expect(await queuesCommand(other, ['reset'], (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toMatch(/would delete \d+ keys .*--yes/);
    expect(await queuesCommand(other, ['reset', '--yes'], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(/deleted \d+ keys/);
    const rt = await createRuntime(other, silent);
    await rt.close();
    await expect(createRuntime(configFor({}), silent)).rejects.toThrow(/another store/);
  });

  it('refuses a reset while workers are connected to the prefix', async () => {
    const config = configFor({ DATABASE_URL: `sqlite:${join(dir, 'b.db')}` });
    const { startWorkers } = await import('../../src/workers/start.js');
    const rt = await createRuntime(config, silent);
    const running = startWorkers(rt, ['enrich']);
    try {
      await running.workers[0].waitUntilReady();
      await expect(queuesCommand(config, ['reset', '--yes'], () => {})).rejects.toThrow(/workers are connected/);
    } finally {
      await running.stop();
      await rt.close();
    }
  });
});
