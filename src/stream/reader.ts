// Reading events after a seq without blocking: from the Redis stream, or from the store's outbox
// when the reader is further behind than the stream reaches (trimmed by length or age), so a
// late resume still loses nothing. Waiting for new events is the hub's job (hub.ts): one
// blocking connection per process, not one per client.
import type { RedisClient } from '../shared/redis.js';
import type { Store } from '../storage/store.js';
import {
  decodeEntry,
  seqOfStreamId,
  streamIdOf,
  type PublishedEvent,
  type RawEntry,
  type StreamKeys,
} from './entries.js';

export class EventReader {
  /** `redis` may be shared: every command here returns at once. */
  constructor(
    private readonly redis: RedisClient,
    private readonly store: Pick<Store, 'listEvents'>,
    private readonly keys: StreamKeys,
  ) {}

  /** The seq of the newest published event (0 when none): where a fresh client starts. */
  async latestSeq(): Promise<number> {
    const [last] = (await this.redis.xrevrange(this.keys.events, '+', '-', 'COUNT', 1)) as RawEntry[];
    const position = Number((await this.redis.get(this.keys.relayPosition)) ?? 0);
    return Math.max(last ? seqOfStreamId(last[0]) : 0, position);
  }

  /** Events with seq > afterSeq already published, oldest first, at most `count`. */
  async readAfter(afterSeq: number, count: number): Promise<PublishedEvent[]> {
    const [head] = (await this.redis.xrange(this.keys.events, '-', '+', 'COUNT', 1)) as RawEntry[];
    const headSeq = head ? seqOfStreamId(head[0]) : Infinity;
    if (headSeq > afterSeq + 1) {
      // Seqs may have gaps (rolled-back transactions), so ask the outbox what lies before the head.
      const older = (await this.store.listEvents(afterSeq, count)).filter((e) => e.seq! < headSeq);
      if (older.length) return older as PublishedEvent[];
    }
    const raw = (await this.redis.xrange(
      this.keys.events,
      streamIdOf(afterSeq + 1),
      '+',
      'COUNT',
      count,
    )) as RawEntry[];
    return raw.map((entry) => decodeEntry(entry).event);
  }
}
