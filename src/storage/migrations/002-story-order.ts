// Stories list in an order that never changes once a story exists (first seen, then id), so a
// client paging through them while stories are updated neither skips nor repeats one; and a
// story keeps the publisher's time of its first version, ninjs `firstcreated` in every view.
import { sql, type Kysely } from 'kysely';

/** As rows.ts writes keys: UTC milliseconds, so text order is time order. */
const timeKey = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stories').addColumn('first_seen_key', 'text').execute();
  await db.schema.alterTable('stories').addColumn('first_published_at', 'text').execute();
  const rows = (await db.selectFrom('stories').select(['id', 'first_seen_at']).execute()) as Array<{
    id: string;
    first_seen_at: string;
  }>;
  for (const row of rows) {
    await db
      .updateTable('stories')
      .set({ first_seen_key: timeKey(row.first_seen_at) })
      .where('id', '=', row.id)
      .execute();
  }
  await sql`update stories set first_published_at = (
      select a.published_at from articles a where a.story_id = stories.id and a.version = 1)`.execute(db);
  await db.schema.createIndex('stories_first_seen').on('stories').columns(['first_seen_key', 'id']).execute();
}
