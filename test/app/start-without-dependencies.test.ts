// A first run on a machine where Redis (or the database) is not running: lede says so once per
// attempt, /readyz names what is missing, a stop is prompt, and the end is one line saying what
// to start or set. Nothing but log lines is ever printed (no raw stack traces).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { freePort } from '../support/ports.js';
import { REDIS_URL } from '../support/redis.js';
import { records, startLede } from '../support/lede-process.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-start-'));
const feeds = join(dir, 'feeds.yaml');
writeFileSync(feeds, 'feeds: []\n');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function env(overrides: Record<string, string>): Promise<NodeJS.ProcessEnv> {
  return {
    REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
    LEDE_FEEDS: feeds,
    LEDE_API_PORT: '0',
    LEDE_EXTRACT_WORKERS: '1',
    ...overrides,
  };
}

// The tests run at once: two of them wait out a first attempt's 3 s doing nothing.
describe.concurrent('npm start with nothing on the Redis port', () => {
  it('logs each retry with the next attempt time, then exits 1 with one line naming REDIS_URL', async ({
    expect,
    onTestFinished,
  }) => {
    const lede = startLede('src/main.ts', [], await env({ LEDE_REDIS_STARTUP_TIMEOUT_SECONDS: '1' }), {
      onTestFinished,
    });
    expect(await lede.exited).toBe(1);

    const logged = records(lede.lines);
    const retries = logged.filter((r) => r.msg === 'redis unreachable, retrying');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({ target: 'redis', err: expect.stringMatching(/ECONNREFUSED/) });
    expect(Date.parse(retries[0].next_attempt_at as string)).not.toBeNaN();
    const last = logged.at(-1)!;
    expect(last.level).toBe(60);
    expect(last.msg).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\)/);
    expect(last.msg).toMatch(/redis-server.*docker compose up -d redis.*set REDIS_URL/);
    expect(logged.length).toBeLessThan(40);
  }, 180_000);

  it('answers /readyz with 503 naming Redis while it waits, and a SIGTERM stops it cleanly', async ({
    expect,
    onTestFinished,
  }) => {
    const lede = startLede('src/main.ts', [], await env({ LEDE_REDIS_STARTUP_TIMEOUT_SECONDS: '0' }), {
      onTestFinished,
    });
    const listening = await lede.line(/Server listening at http:\/\/127\.0\.0\.1:\d+/);
    await lede.line(/redis unreachable, retrying/);
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(listening)![0];
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, string>;
    expect(body.redis).not.toBe('ok');
    expect(body.store).toBe('ok');

    lede.child.kill('SIGTERM');
    expect(await lede.exited).toBe(0);
    expect(records(lede.lines).at(-1)!.msg).toMatch(/shutdown complete/);
  }, 180_000);
});

describe.concurrent('a worker process whose database does not answer', () => {
  it('exits 1 with one line naming DATABASE_URL', async ({ expect, onTestFinished }) => {
    const lede = startLede(
      'src/workers/main.ts',
      ['store'],
      await env({
        REDIS_URL,
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/lede`,
        LEDE_DATABASE_STARTUP_TIMEOUT_SECONDS: '1',
      }),
      { onTestFinished },
    );
    expect(await lede.exited).toBe(1);
    const logged = records(lede.lines);
    expect(logged.some((r) => r.msg === 'database unreachable, retrying' && r.next_attempt_at)).toBe(true);
    expect(logged.at(-1)!.msg).toMatch(/cannot reach the database at postgres:.* \(DATABASE_URL\).*Start PostgreSQL/);
  }, 180_000);
});
