// Opening a database and running a locked transaction, the two places where SQLite and
// PostgreSQL differ in kind. Everything above this file speaks Kysely and works on both.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../shared/errors.js';
import type { Database } from './schema.js';

export type DialectKind = 'sqlite' | 'postgres';

/** The serializing locks: one for story matching, one for schema migrations. */
export type LockName = 'ingest' | 'migrate';

export interface Connection {
  readonly kind: DialectKind;
  readonly db: Kysely<Database>;
  /** Postgres schema the tables live in (set as search_path); undefined means the default. */
  readonly schema?: string;
  /**
   * Run `fn` in one transaction that holds `lock` from its first statement to commit, across
   * every process on this database. If `fn` throws, the transaction rolls back.
   */
  withLock<T>(lock: LockName, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}

export interface OpenOptions {
  /** PostgreSQL only: keep every table in this schema (created by migrate); used to isolate tests. */
  schema?: string;
}

/** How long a SQLite writer waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** First key of pg_advisory_xact_lock(int, int): an arbitrary constant per lock, "lede" in spirit. */
const PG_LOCK_IDS: Record<LockName, number> = { ingest: 0x1ede_0001, migrate: 0x1ede_0002 };

export function openConnection(databaseUrl: string, opts: OpenOptions = {}): Connection {
  if (databaseUrl.startsWith('sqlite:')) {
    if (opts.schema !== undefined) throw new ConfigError('storage: the schema option is for PostgreSQL only');
    return openSqlite(sqlitePath(databaseUrl));
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgres(databaseUrl, opts.schema);
  throw new ConfigError(
    `storage: DATABASE_URL must be sqlite:PATH, sqlite::memory: or a postgres:// URL (got "${redact(databaseUrl)}")`,
  );
}

/** `sqlite:data/lede.db`, `sqlite:///abs/lede.db` and `sqlite::memory:`. */
function sqlitePath(databaseUrl: string): string {
  const rest = databaseUrl.slice('sqlite:'.length);
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new ConfigError('storage: DATABASE_URL sqlite: needs a file path (or :memory:)');
  return path;
}

function openSqlite(path: string): Connection {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    // Owner only: the database holds everything lede stored. SQLite gives its -wal and -shm
    // files the database file's permissions, so creating that one 0600 covers all three.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
  }
  const database = new BetterSqlite3(path);
  // WAL lets the API read while a worker writes; NORMAL sync is durable enough under WAL
  // (a power cut may lose the last commits, never corrupt the file).
  if (!inMemory) database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });

  return {
    kind: 'sqlite',
    db,
    // Kysely's SQLite driver has one connection guarded by a mutex, so holding it serializes
    // this process; BEGIN IMMEDIATE takes SQLite's write lock up front, which serializes other
    // processes (they wait up to busy_timeout) and avoids the deadlock a deferred BEGIN can
    // hit when two readers both try to upgrade to writers.
    withLock: (_lock, fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (err) {
          if (database.inTransaction) await sql`rollback`.execute(conn);
          throw err;
        }
      }),
  };
}

/** Distinct SQL texts kept prepared; past it the cache starts over (IN lists vary in length). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; the same few statements run for every ingest,
 * and preparing was a tenth of the store stage's CPU. Statements are reused by SQL text. Safe
 * because the driver runs one query at a time on its one connection and reads every row at once
 * (nothing here streams, which would hold a statement open while another ran).
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let stmt = prepared.get(text);
      if (!stmt) {
        if (prepared.size >= STATEMENT_CACHE_SIZE) prepared.clear();
        stmt = database.prepare(text);
        prepared.set(text, stmt);
      }
      return stmt;
    },
  };
}

function openPostgres(databaseUrl: string, schema: string | undefined): Connection {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError(`storage: schema "${schema}" must be a lower-case SQL identifier`);
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // search_path on every connection keeps all SQL unqualified, so one schema per test run
    // (or per deployment) needs nothing from the queries.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its server (a restart) emits 'error' on the pool; without a listener
  // that would crash the process. The next query gets a fresh client and reports any failure.
  pool.on('error', () => {});
  // The same for a client that is checked out when the server goes away (a shutdown sends
  // 57P01 to every connection): pg emits 'error' on the client itself, and with no listener the
  // process dies (seen in the PostgreSQL-outage fault run: the poll process crashed). The query
  // in flight, if any, still rejects; the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Locks are per schema so isolated test runs on one server do not serialize each other.
  const schemaKey = hash32(schema ?? '');

  return {
    kind: 'postgres',
    db,
    schema,
    withLock: (lock, fn) =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${PG_LOCK_IDS[lock]}::int, ${schemaKey}::int)`.execute(trx);
        return fn(trx);
      }),
  };
}

/** FNV-1a, as a signed 32-bit integer (the type of pg_advisory_xact_lock's keys). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Hide a password in a URL before it goes into an error message. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
