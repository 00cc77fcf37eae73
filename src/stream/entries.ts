// The change stream's Redis layout and entry encoding, shared by the relay, consumers, the SSE
// route and webhooks.
//
// Stream ids are explicit: the outbox event with seq N is entry `N-0`. So a consumer resumes
// from the last seq it saw (XREAD … `N-0` returns N+1 onwards), SSE event ids are the same
// numbers, and Redis itself refuses a second publish of an event (XADD rejects an id not
// greater than the last), which makes the relay's publish idempotent.
import type { ChangeEvent } from '../storage/store.js';

export interface StreamKeys {
  /** The Redis stream of change events. */
  events: string;
  /** Last seq the relay published (it resumes after it). */
  relayPosition: string;
  /** Held by the one relay that publishes (any process may run one). */
  relayLock: string;
}

export function streamKeys(prefix: string): StreamKeys {
  return {
    events: `${prefix}:stream:events`,
    relayPosition: `${prefix}:stream:relay:seq`,
    relayLock: `${prefix}:stream:relay:lock`,
  };
}

export interface PublishedEvent extends ChangeEvent {
  seq: number;
}

export interface StreamEntry {
  /** Redis stream id, `<seq>-0`. */
  id: string;
  event: PublishedEvent;
  /** When the relay published it (ms since epoch); trimming by age reads it. */
  publishedAt: number;
}

export const streamIdOf = (seq: number) => `${seq}-0`;
export const seqOfStreamId = (id: string) => Number(id.slice(0, id.indexOf('-')));

/** Field list for XADD. */
export function entryFields(event: PublishedEvent, publishedAt: number): string[] {
  return ['event', JSON.stringify(event), 'at', String(publishedAt)];
}

/** [id, [field, value, …]] as ioredis returns stream entries. */
export type RawEntry = [string, string[]];

export function decodeEntry([id, fields]: RawEntry): StreamEntry {
  const value = (name: string) => fields[fields.indexOf(name) + 1];
  return { id, event: JSON.parse(value('event')) as PublishedEvent, publishedAt: Number(value('at')) };
}
