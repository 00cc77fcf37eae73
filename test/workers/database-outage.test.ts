// Store jobs ride out a database outage longer than their whole retry budget: they wait without
// spending attempts and are stored once the database is back. Real PostgreSQL behind a TCP
// proxy that the test takes down on purpose (the injected fault), real Redis, real HTTP.
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { startWorkers } from '../../src/workers/start.js';
import { isDatabaseUnavailable } from '../../src/storage/unavailable.js';
import { freshDatabase, type Database } from '../../scripts/faults/postgres.js';
import { startPipeline, type TestPipeline } from '../support/pipeline.js';
import { waitFor } from '../support/wait.js';
import { PG_URL as adminUrl } from '../support/postgres.js';

const target = new URL(adminUrl);

/** A TCP proxy to the real PostgreSQL whose down() refuses and cuts every connection. */
class OutageProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('a PostgreSQL outage longer than the store retry budget', () => {
  const stories = loadStories().slice(0, 3);
  let db: Database;
  const proxy = new OutageProxy();
  let sim: WireSimulator;
  let lede: TestPipeline;

  beforeAll(async () => {
    db = await freshDatabase(adminUrl);
    await proxy.up();
    sim = await startWireSimulator({ stories, feeds: ['wire'] });
    const dbUrl = new URL(db.url);
    dbUrl.host = `127.0.0.1:${proxy.port}`;
    lede = await startPipeline({
      name: 'db-outage',
      feeds: { wire: sim.feedUrl('wire') },
      allowHosts: [new URL(sim.url).host],
      // Two attempts 100 ms apart: spent on the attempt budget, a store job would be in the
      // failed set within a second of the outage.
      env: { DATABASE_URL: dbUrl.href, LEDE_QUEUE_ATTEMPTS: '2', LEDE_QUEUE_BACKOFF_MS: '100' },
      kinds: ['poll', 'fetch', 'enrich'],
    });
  }, 60_000);

  afterAll(async () => {
    await lede?.close();
    await sim?.close();
    await proxy.down().catch(() => undefined);
    await db?.drop();
  }, 60_000);

  it('keeps the store jobs waiting without spending attempts, reports it, and stores each item once when it returns', async () => {
    const store = lede.rt.queues.queues.store;
    await lede.rt.queues.add('poll', { feedId: 'wire', trigger: 'manual' });
    await waitFor(
      'the store jobs to be queued',
      async () => (await store.getWaitingCount()) === stories.length,
      90_000,
    );

    await proxy.down();
    // Jobs wait as long as the outage so far between 50 and 500 ms, not 1 and 10 s: the same
    // rule, without seconds of waiting for the probes here.
    const storeWorker = startWorkers(lede.rt, ['store'], { storeOutageWait: { minMs: 50, maxMs: 500 } });
    try {
      const ready = await fetch(`${lede.base}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/ECONNREFUSED/);

      // A job taken up more often than its 2 attempts allow: spent on the budget, it would be in
      // the failed set by now.
      await waitFor(
        'a store job started more often than its attempts allow',
        async () => (await store.getJobs(['delayed', 'waiting', 'active'])).some((j) => j.attemptsStarted > 2),
        60_000,
      );
      expect(await store.getFailedCount()).toBe(0);
      const waiting = await store.getJobs(['delayed', 'waiting', 'active']);
      expect(waiting).toHaveLength(stories.length);
      for (const job of waiting) expect(job.attemptsMade).toBe(0);

      await proxy.up();
      const stored = await waitFor(
        'every story stored',
        async () => {
          const page = await lede.rt.store.listStories({ limit: 100 });
          return page.items.length === stories.length && page.items;
        },
        60_000,
      );
      expect(new Set(stored.map((s) => s.title)).size).toBe(stories.length);
      expect(await store.getFailedCount()).toBe(0);
      expect((await fetch(`${lede.base}/readyz`)).status).toBe(200);
    } finally {
      await storeWorker.stop();
    }
  }, 240_000);
});

describe('telling an unreachable database from a bad write', () => {
  it('calls refused connections and server shutdowns unavailable', async () => {
    const refused = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    const err = await refused.connect().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not call a failing statement unavailable', async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const err = await client.query('select * from no_such_table_here').catch((e: unknown) => e);
    await client.end();
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(isDatabaseUnavailable(new Error('UNIQUE constraint failed: articles.id'))).toBe(false);
  });
});
