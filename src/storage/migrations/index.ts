// Versioned migrations. Each runs once, in order, recorded in lede_migrations; the whole run
// is one transaction under the migrate lock, so several processes starting at once are safe:
// the first applies what is missing, the others then find nothing to do.
import { sql, type Kysely } from 'kysely';
import type { Connection, DialectKind } from '../connection.js';
import * as initial from './001-initial.js';
import * as storyOrder from './002-story-order.js';
import * as deployment from './003-deployment.js';

interface Migration {
  version: number;
  name: string;
  // Migrations run against the schema as it was then, not today's types (Kysely's own advice).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, kind: DialectKind): Promise<void>;
}

/** Append only: never edit a released migration, add the next version instead. */
const migrations: Migration[] = [
  { version: 1, name: 'initial', up: initial.up },
  { version: 2, name: 'story-order', up: storyOrder.up },
  { version: 3, name: 'deployment', up: deployment.up },
];

/** Applies what is missing; returns the migrations applied now ("3-deployment"), oldest first. */
export async function migrate(conn: Connection): Promise<string[]> {
  return conn.withLock('migrate', async (trx) => {
    if (conn.schema) await sql`create schema if not exists ${sql.id(conn.schema)}`.execute(trx);
    await trx.schema
      .createTable('lede_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();

    const applied = new Set(
      (await trx.selectFrom('lede_migrations').select('version').execute()).map((r) => r.version),
    );
    const newest = migrations[migrations.length - 1].version;
    const ahead = [...applied].filter((v) => v > newest);
    if (ahead.length > 0) {
      throw new Error(
        `storage: database schema version ${Math.max(...ahead)} is newer than this build knows (${newest})`,
      );
    }
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await m.up(trx, conn.kind);
      await trx
        .insertInto('lede_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date().toISOString() })
        .execute();
      done.push(`${m.version}-${m.name}`);
    }
    return done;
  });
}
