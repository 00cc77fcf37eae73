// The Store contract on the machine's PostgreSQL. Every store opened here lives in its own
// schema (lede_test_<random>), dropped when the file finishes, so runs never see each other.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/index.js';
import { describeStoreContract } from './contract.js';
import { PG_URL as url } from '../support/postgres.js';

const schemas = new Map<Store, string>();

async function openInSchema(schema: string): Promise<Store> {
  const store = await openStore(url, { schema });
  await store.migrate();
  schemas.set(store, schema);
  return store;
}

afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of new Set(schemas.values())) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
});

describeStoreContract(
  'postgres',
  () => openInSchema(`lede_test_${randomBytes(6).toString('hex')}`),
  (store) => openInSchema(schemas.get(store)!),
);

describe('opening a PostgreSQL store', () => {
  it('migrates once when several processes start together', async () => {
    const schema = `lede_test_${randomBytes(6).toString('hex')}`;
    const stores = await Promise.all([1, 2, 3].map(() => openStore(url, { schema })));
    for (const s of stores) schemas.set(s, schema);
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ version: number }>(`select version from ${schema}.lede_migrations`);
      await client.end();
      const versions = rows.map((r) => r.version);
      expect(versions).toContain(1);
      expect(new Set(versions).size).toBe(versions.length);
      // One deployment id, whichever process created the tables.
      expect(new Set(await Promise.all(stores.map((s) => s.deploymentId()))).size).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore(url, { schema: 'x; drop table y' })).rejects.toThrow(/schema/);
  });
});
