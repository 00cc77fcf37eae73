// A store (SQLite file) and Redis connection under a unique prefix, for stream tests without HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { streamKeys, type StreamKeys } from '../../src/stream/entries.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

export interface StreamFixture {
  store: Store;
  redis: Redis;
  prefix: string;
  keys: StreamKeys;
  /** Another connection to the same Redis (closed with the fixture). */
  connect(): Redis;
  close(): Promise<void>;
}

export async function streamFixture(name: string): Promise<StreamFixture> {
  const dir = mkdtempSync(join(tmpdir(), `lede-${name}-`));
  const store = await openStore(`sqlite:${join(dir, 'lede.db')}`);
  await store.migrate();
  const prefix = uniquePrefix(name);
  const connections: Redis[] = [];
  const connect = () => {
    const r = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(r);
    return r;
  };
  return {
    store,
    redis: connect(),
    prefix,
    keys: streamKeys(prefix),
    connect,
    async close() {
      for (const r of connections) r.disconnect();
      await store.close();
      await deleteKeys(prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
