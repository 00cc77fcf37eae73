// Vitest global setup: a Redis and a PostgreSQL for the run, found or made.
//   REDIS_URL (default redis://127.0.0.1:6379) answers               → used
//   LEDE_TEST_DATABASE_URL (default …@127.0.0.1:5432/test) answers    → used (database created if missing)
//   otherwise a throwaway redis-server / initdb+pg_ctl cluster on a free loopback port in a
//   temporary directory (scripts/faults' helpers), stopped after the run
//   otherwise one line naming what is missing, and the run stops at once.
// The URLs go to process.env, which the test processes inherit.
import { Redis } from 'ioredis';
import pg from 'pg';
import { startOwnRedis } from '../../scripts/faults/redis-server.js';
import { onPath, postgresBinDir, startOwnPostgres } from '../../scripts/faults/postgres.js';
import { freePort } from './ports.js';

const PROBE_MS = 800;

type Cleanup = () => unknown;

export default async function setup(): Promise<() => Promise<void>> {
  const cleanups: Cleanup[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    process.env.REDIS_URL = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', cleanups);
    process.env.LEDE_TEST_DATABASE_URL = await ensurePostgres(
      process.env.LEDE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      cleanups,
    );
  } catch (err) {
    await teardown();
    // One line, not a stack: what is missing is all the reader needs.
    process.stderr.write(`test setup: ${(err as Error).message}\n`);
    process.exit(1);
  }
  return teardown;
}

async function ensureRedis(url: string, cleanups: Cleanup[]): Promise<string> {
  if (await redisAnswers(url)) return url;
  if (!onPath('redis-server'))
    throw new Error(
      `no Redis answers at ${url} and redis-server is not on PATH: install Redis, start it, or set REDIS_URL`,
    );
  const redis = await startOwnRedis(await freePort());
  cleanups.push(() => redis.destroy());
  process.stderr.write(`test setup: nothing answers at ${url}; started a throwaway Redis at ${redis.url}\n`);
  return redis.url;
}

async function ensurePostgres(url: string, cleanups: Cleanup[]): Promise<string> {
  const state = await postgresState(url);
  if (state === 'no-database') await createDatabase(url);
  if (state !== 'down') return url;
  if (!postgresBinDir())
    throw new Error(
      `no PostgreSQL answers at ${url} and initdb/pg_ctl are not on PATH nor in /usr/lib/postgresql/*/bin: ` +
        'install PostgreSQL, start it, or set LEDE_TEST_DATABASE_URL',
    );
  const own = startOwnPostgres(await freePort());
  cleanups.push(() => own.destroy());
  const started = new URL(own.serverUrl);
  started.pathname = '/test';
  await createDatabase(started.href);
  process.stderr.write(`test setup: nothing answers at ${url}; started a throwaway PostgreSQL at ${started.href}\n`);
  return started.href;
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function postgresState(url: string): Promise<'ok' | 'no-database' | 'down'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code === '3D000' ? 'no-database' : 'down';
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile
  } finally {
    await client.end();
  }
}
