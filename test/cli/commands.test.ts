// The `lede` command as an operator meets it: help that exits 0, every command in the README,
// `feeds list` showing the running pipeline's feeds, and `migrate` failing in one clear line.
// Each case runs its own commands on its own database or Redis prefix, so the cases run at once.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/shared/redis.js';
import { publishLiveFeedList } from '../../src/queues/live-feeds.js';
import { nodeArgs } from '../support/compiled.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-cli-'));
const prefix = uniquePrefix('cli');

afterAll(async () => {
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
});

function lede(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      nodeArgs('src/cli/main.ts', args),
      { env: { PATH: process.env.PATH, REDIS_URL, DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`, ...env } },
      (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }),
    );
  });
}

describe.concurrent('lede --help', () => {
  it('lists every command, exits 0, and the README documents each one', async () => {
    const { code, out } = await lede(['--help']);
    expect(code).toBe(0);
    const commands = [...out.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['process', 'migrate', 'feeds', 'jobs', 'stats', 'queues']));
    const readme = readFileSync('README.md', 'utf8');
    for (const command of commands) expect(readme, command).toContain(`| \`lede ${command}`);
  }, 60_000);

  it('explains one command with COMMAND --help, exit 0; an unknown command exits 2', async () => {
    const help = await lede(['jobs', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('lede jobs retry');
    const unknown = await lede(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  }, 60_000);
});

describe.concurrent('lede feeds list', () => {
  it("shows the running pipeline's feeds, not the list LEDE_FEEDS happens to name", async () => {
    const redis = createRedis(REDIS_URL, 'worker');
    await publishLiveFeedList(redis, prefix, {
      file: '/srv/lede/feeds.yaml',
      feeds: [{ id: 'wire', url: 'http://127.0.0.1:8090/feeds/wire.rss', interval: 30 }],
      syncedAt: new Date().toISOString(),
    });
    redis.disconnect();
    const { code, out, err } = await lede(['feeds', 'list'], { LEDE_REDIS_PREFIX: prefix });
    expect(code).toBe(0);
    expect(out).toMatch(/^wire\tnew\t30s\thttp:\/\/127\.0\.0\.1:8090\/feeds\/wire\.rss$/m);
    expect(out).not.toContain('bbc'); // config/feeds.yaml, the default list
    expect(err).toContain('/srv/lede/feeds.yaml');
  }, 60_000);
});

describe.concurrent('lede migrate', () => {
  it('reports the migrations it applied, then that the store is up to date', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'fresh.db')}` };
    const first = await lede(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/applied 1-initial, .*3-deployment/);
    expect((await lede(['migrate'], env)).err).toMatch(/already up to date/);
  }, 60_000);

  it('says in one line that a PostgreSQL database does not exist', async () => {
    const base = process.env.LEDE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const url = new URL(base);
    url.pathname = `/lede_missing_${prefix.replace(/\W/g, '_')}`;
    const { code, err } = await lede(['migrate'], { DATABASE_URL: url.href });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/migrate: cannot migrate .*does not exist/);
  }, 60_000);
});
