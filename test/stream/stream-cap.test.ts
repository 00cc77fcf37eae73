// Many SSE clients on one API process: one shared Redis reader, a cap per process and per
// key (503 + Retry-After beyond it), and the count in /metrics. Self-contained: its own
// runtime on SQLite and a Redis prefix, HTTP on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { startApi } from '../../src/api/server.js';
import { loadConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { startChangeStream, type RunningStream } from '../../src/stream/start.js';
import { at } from '../storage/fixtures.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait.js';
import { openSse, type SseConnection, type SseEvent } from './sse-client.js';

const KEY_A = 'k-stream-a-0123456789abcdef';
const KEY_B = 'k-stream-b-0123456789abcdef';
const MAX = 24;
const PER_KEY = 20;

describe('many change-stream clients on one API process', () => {
  const prefix = uniquePrefix('stream-cap');
  const dir = mkdtempSync(join(tmpdir(), 'lede-stream-cap-'));
  let rt: Runtime;
  let stream: RunningStream;
  let close: () => Promise<void>;
  let base: string;
  const redis = new Redis(REDIS_URL);
  const clients: SseConnection[] = [];
  const received: SseEvent[][] = [];

  const open = async (key: string) => {
    const events: SseEvent[] = [];
    const c = await openSse(`${base}/v1/stream`, { 'x-api-key': key }, { event: (e) => events.push(e) });
    if (c.status === 200) {
      clients.push(c);
      received.push(events);
    }
    return c;
  };
  /** A metric's value, summed over its labels. */
  const metric = async (name: string) => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const lines = text.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  };
  /** Connections of this Redis whose name says they are this prefix's stream readers. */
  const streamConnections = async () =>
    String(await redis.client('LIST'))
      .split('\n')
      .filter((l: string) => l.includes(` name=lede-stream-${prefix}-`)).length;

  beforeAll(async () => {
    const loaded = loadConfig(
      {
        REDIS_URL,
        DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
        LEDE_REDIS_PREFIX: prefix,
        LEDE_API_KEYS: `${KEY_A},${KEY_B}`,
        LEDE_STREAM_MAX_CLIENTS: String(MAX),
        LEDE_STREAM_MAX_CLIENTS_PER_KEY: String(PER_KEY),
      },
      'config/lede.yaml',
    );
    const config = { ...loaded, api: { ...loaded.api, host: '127.0.0.1' }, stream: { ...loaded.stream, pollMs: 20 } };
    rt = await createRuntime(config, createLogger('silent'));
    const api = await startApi(rt, 0);
    base = `http://127.0.0.1:${api.port}`;
    close = () => api.close();
    stream = await startChangeStream(rt);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await close?.();
    await stream?.stop();
    await rt?.close();
    redis.disconnect();
    await deleteKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves 20 streams of one key through one Redis connection, and refuses the 21st of that key with 503', async () => {
    for (let i = 0; i < PER_KEY; i++) expect((await open(KEY_A)).status).toBe(200);
    await waitFor('the shared reader connected', async () => (await streamConnections()) >= 1, 10_000);
    expect(await streamConnections()).toBe(1);

    const refused = await open(KEY_A);
    expect(refused.status).toBe(503);

    await rt.store.ingest((tx) =>
      tx.appendEvent({ type: 'story.created', storyId: 's-1', articleId: 'a-1', version: 1, createdAt: at(1) }),
    );
    await waitFor('every client got the event', async () => received.every((r) => r.length >= 1), 10_000);
    expect(received).toHaveLength(PER_KEY);
    for (const events of received) expect(events.map((e) => e.event)).toEqual(['story.created']);
    expect(await streamConnections()).toBe(1);
    expect(await metric('lede_stream_clients')).toBe(PER_KEY);
  });

  it('refuses any key once the process cap is reached, with Retry-After, and counts the refusals', async () => {
    for (let i = PER_KEY; i < MAX; i++) expect((await open(KEY_B)).status).toBe(200);
    const res = await fetch(`${base}/v1/stream`, { headers: { 'x-api-key': KEY_B } });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe('too_many_streams');
    expect(await metric('lede_stream_clients')).toBe(MAX);
    expect(await metric('lede_stream_refused_total')).toBeGreaterThanOrEqual(2);
  });

  it('frees a slot when a client goes away', async () => {
    const leaving = clients.pop()!;
    leaving.close();
    await leaving.done;
    await waitFor('the slot freed', async () => (await metric('lede_stream_clients')) === MAX - 1, 10_000);
    expect((await open(KEY_B)).status).toBe(200);
    expect(await streamConnections()).toBe(1);
  });
});
