// Entry point of the storage layer: `openStore(DATABASE_URL)` gives the Store for either
// dialect. Callers run `store.migrate()` once at start (it is idempotent and safe when several
// processes start together).
//
//   connection.ts   open SQLite / PostgreSQL, the locked transaction (where dialects differ)
//   migrations/     versioned schema, run under the migrate lock
//   schema.ts       table row types      rows.ts      records ⇄ rows
//   lookups.ts      story-matching reads ingest-tx.ts the ingest transaction's writes
//   lists.ts        paged, filtered lists for the API
//   sql-store.ts    the Store tying them together
import { openConnection, type OpenOptions } from './connection.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';

export type { OpenOptions } from './connection.js';
export { DEFAULT_PAGE_SIZE, InvalidQueryError, MAX_PAGE_SIZE } from './lists.js';
export type * from './store.js';

/**
 * Open `sqlite:PATH` (parent directories created, WAL), `sqlite::memory:`, or a
 * `postgres://` / `postgresql://` URL. Does not migrate: call `store.migrate()`.
 */
export async function openStore(databaseUrl: string, opts: OpenOptions = {}): Promise<Store> {
  return new SqlStore(openConnection(databaseUrl, opts));
}
