// PostgreSQL for fault runs. The machine's server is shared and must never be stopped, so:
//   freshDatabase()     a throwaway database on the shared server (multi-process runs)
//   startOwnPostgres()  a throwaway cluster of our own (initdb as the postgres OS user when run as
//                       root, since initdb refuses root), which the PostgreSQL-outage fault
//                       stops and starts with pg_ctl; `npm test` starts one when none answers
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { keepRun } from './wait.js';

/** A program on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));
}

/** Where initdb and pg_ctl live: PATH, or Debian's versioned directory (newest first). */
export function postgresBinDir(): string | undefined {
  const initdb = onPath('initdb');
  if (initdb && onPath('pg_ctl')) return dirname(initdb);
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')));
}
const SHARED = process.env.FAULTS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface Database {
  url: string;
  drop(): Promise<void>;
}

/** CREATE DATABASE lede_fault_<random> on a server; drop() removes it (connections forced off). */
export async function freshDatabase(serverUrl = SHARED): Promise<Database> {
  const name = `lede_fault_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (keepRun()) return console.log(`fault run kept: database ${url}`);
      await admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  serverUrl: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export function startOwnPostgres(port: number): OwnPostgres {
  const bin = postgresBinDir();
  if (!bin) throw new Error('initdb/pg_ctl are not on PATH nor in /usr/lib/postgresql/*/bin');
  const asRoot = process.getuid?.() === 0;
  const asPostgres = (args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' })
      : execFileSync(args[0], args.slice(1), { stdio: 'pipe' });
  const dir = mkdtempSync(join(tmpdir(), 'lede-fault-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  asPostgres([`${bin}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const ctl = (cmd: string[]) => asPostgres([`${bin}/pg_ctl`, '-D', data, '-w', '-l', join(dir, 'log'), ...cmd]);
  const start = () => ctl(['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  start();
  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // Fast shutdown: the server disconnects every client and rolls back open transactions,
    // which is what an outage looks like to lede.
    stop: () => ctl(['-m', 'fast', 'stop']),
    start,
    destroy() {
      if (keepRun()) return console.log(`fault run kept: PostgreSQL cluster in ${dir} on port ${port}`);
      try {
        ctl(['-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
