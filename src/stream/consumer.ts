// Reading the change stream through a Redis consumer group: at-least-once delivery. Each entry
// goes to one consumer of the group and stays pending until acknowledged; entries a crashed
// consumer never acknowledged are taken over with claimStale (XAUTOCLAIM) after minIdleMs.
//
// Usage (one connection per consumer: XREADGROUP BLOCK holds it):
//   await ensureGroup(redis, keys.events, 'search-indexer');
//   const c = new GroupConsumer(redis, keys.events, 'search-indexer', 'indexer-1');
//   for (;;) {
//     const batch = [...(await c.claimStale(60_000)), ...(await c.read(100, 5_000))];
//     for (const e of batch) await index(e.event);   // idempotent: may see an event twice
//     await c.ack(batch.map((e) => e.id));
//   }
import type { RedisClient } from '../shared/redis.js';
import { decodeEntry, type RawEntry, type StreamEntry } from './entries.js';

/**
 * Create the group if it does not exist. `startId` applies only to a new group: '$' (default)
 * for events from now on, '0' for everything still in the stream, or `<seq>-0` to start after seq.
 */
export async function ensureGroup(redis: RedisClient, stream: string, group: string, startId = '$'): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, startId, 'MKSTREAM');
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
  }
}

export class GroupConsumer {
  constructor(
    private readonly redis: RedisClient,
    private readonly stream: string,
    private readonly group: string,
    readonly name: string,
  ) {}

  /** New entries for this consumer, waiting up to blockMs for the first one. */
  async read(count: number, blockMs: number): Promise<StreamEntry[]> {
    const reply = (await this.redis.xreadgroup(
      'GROUP',
      this.group,
      this.name,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.stream,
      '>',
    )) as [string, RawEntry[]][] | null;
    return reply ? reply[0][1].map(decodeEntry) : [];
  }

  /** Take over entries pending longer than minIdleMs with any consumer (a crashed one's). */
  async claimStale(minIdleMs: number, count = 100): Promise<StreamEntry[]> {
    const claimed: StreamEntry[] = [];
    let cursor = '0-0';
    do {
      const [next, entries] = (await this.redis.xautoclaim(
        this.stream,
        this.group,
        this.name,
        minIdleMs,
        cursor,
        'COUNT',
        count - claimed.length,
      )) as [string, (RawEntry | null)[], string[]?];
      // Entries trimmed from the stream come back empty; Redis drops them from the pending list.
      for (const raw of entries) if (raw) claimed.push(decodeEntry(raw));
      cursor = next;
    } while (cursor !== '0-0' && claimed.length < count);
    return claimed;
  }

  async ack(ids: string[]): Promise<number> {
    return ids.length ? this.redis.xack(this.stream, this.group, ...ids) : 0;
  }
}
