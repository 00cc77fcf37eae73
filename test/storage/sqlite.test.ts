// The Store contract on SQLite (a temp file per test), plus what only the SQLite opener does.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openConnection } from '../../src/storage/connection.js';
import * as initial from '../../src/storage/migrations/001-initial.js';
import { openStore } from '../../src/storage/index.js';
import { describeStoreContract } from './contract.js';
import { article, fingerprintOf, storyOf } from './fixtures.js';
import { nodeArgs } from '../support/compiled.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-storage-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', async () => {
  const store = await openStore(`sqlite:${join(dir, `t${files++}.db`)}`);
  await store.migrate();
  return store;
});

describe('opening a SQLite store', () => {
  it('creates missing parent directories', async () => {
    const path = join(dir, 'nested', 'deeper', 'lede.db');
    const store = await openStore(`sqlite:${path}`);
    await store.migrate();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('creates its directory 0700 and its files 0600, whatever the umask', async () => {
    const path = join(dir, 'private', 'lede.db');
    const previous = process.umask(0o022);
    try {
      const store = await openStore(`sqlite:${path}`);
      await store.migrate();
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(join(dir, 'private'))).toBe(0o700);
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('keeps data across reopening the file', async () => {
    const url = `sqlite:${join(dir, 'reopen.db')}`;
    const first = await openStore(url);
    await first.migrate();
    const a = article('kept');
    await first.ingest(async (tx) => {
      await tx.insertArticle(a, fingerprintOf(a));
      await tx.putStory(storyOf(a));
    });
    await first.close();
    const second = await openStore(url);
    await second.migrate();
    expect(await second.getArticle('kept')).toStrictEqual(a);
    await second.close();
  });

  it('works in memory', async () => {
    const store = await openStore('sqlite::memory:');
    await store.migrate();
    expect(store.kind).toBe('sqlite');
    await store.putFeedState({ feedId: 'f', errorStreak: 0, recentItemTimes: [] });
    expect(await store.listFeedStates()).toHaveLength(1);
    await store.close();
  });

  it('refuses an unknown database URL, naming DATABASE_URL', async () => {
    await expect(openStore('mysql://localhost/lede')).rejects.toThrow(/DATABASE_URL/);
    await expect(openStore('sqlite:')).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('when two processes ingest into one SQLite file', () => {
  it('serializes them, so one story gets every version and none is lost', async () => {
    const path = join(dir, 'race.db');
    const setup = await openStore(`sqlite:${path}`);
    await setup.migrate();
    await setup.close();

    const child = join(import.meta.dirname, 'sqlite-race-child.ts');
    const run = (name: string) =>
      promisify(execFile)(process.execPath, nodeArgs(child, [path, 'g-race', name, '15']), {
        cwd: process.cwd(),
      });
    const outputs = await Promise.all([run('p'), run('q')]);

    expect(outputs.reduce((sum, o) => sum + Number(o.stdout), 0)).toBe(1);
    const store = await openStore(`sqlite:${path}`);
    const stories = await store.listStories({});
    expect(stories.items).toHaveLength(1);
    expect((await store.getStoryVersions(stories.items[0].id)).map((a) => a.version)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    await store.close();
  });
});

describe('upgrading a database made before stories had a first-seen order', () => {
  it('orders its stories by first seen and keeps the first version’s publication time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-upgrade-'));
    const url = `sqlite:${join(dir, 'lede.db')}`;
    try {
      // The schema as migration 1 left it, with two stories written then.
      const old = openConnection(url);
      await initial.up(old.db, 'sqlite');
      await sql`create table lede_migrations (version integer primary key, name text not null, applied_at text not null)`.execute(
        old.db,
      );
      await sql`insert into lede_migrations values (1, 'initial', '2026-11-01T00:00:00.000Z')`.execute(old.db);
      for (const [id, firstSeen, updated] of [
        ['s-old', '2026-11-01T00:00:00Z', '2026-11-03T00:00:00.000Z'],
        ['s-new', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      ]) {
        await sql`insert into stories values (${id}, ${`a-${id}`}, 1, 'T', null, 0, ${firstSeen}, ${updated}, ${updated})`.execute(
          old.db,
        );
        await sql`insert into articles values (${`a-${id}`}, ${id}, 1, null, null, null, null, 'h', 'T', null,
          '2026-10-31T12:00:00Z', ${firstSeen}, 'b', ${firstSeen}, ${firstSeen}, '{}', '{}')`.execute(old.db);
      }
      await old.db.destroy();

      const store = await openStore(url);
      await store.migrate();
      expect((await store.listStories({})).items.map((s) => s.id)).toEqual(['s-new', 's-old']);
      expect((await store.getStory('s-old'))?.firstPublishedAt).toBe('2026-10-31T12:00:00Z');
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
