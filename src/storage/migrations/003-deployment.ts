// The deployment id: a random id the store is born with. The first lede process writes it
// under its Redis prefix, and a process whose store and Redis name different deployments
// refuses to start (app/deployment.ts): a new store under an old prefix would have its items
// skipped as already-done job ids. (Version 3: version 2 is the story-order migration.)
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lede_deployment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('lede_deployment')
    .values({ id: `d_${randomUUID()}`, created_at: new Date().toISOString() })
    .execute();
}
