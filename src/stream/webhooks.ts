// Webhooks: every change event matching a subscriber's filters is POSTed to its URL.
//
//   dispatch   one consumer group per subscriber (`webhook:<id>`) on the change stream; each
//              matching event becomes one job on the BullMQ queue `webhook`, then is acked
//              (job id `<subscriber>-<seq>`, so a re-read after a crash adds no second job)
//   deliver    the `webhook` worker POSTs the event JSON through the guarded HTTP client (a
//              private address only when in webhookAllowPrivateHosts, checked at connect time;
//              a redirect is never followed, so it fails the attempt like any non-2xx) with
//              X-Lede-Signature: sha256=<hex HMAC-SHA256 of the body, keyed by the secret>;
//              a non-2xx answer or a timeout fails the attempt; BullMQ retries with exponential
//              backoff (webhookBackoffMs, doubling) up to webhookAttempts times
//   dead       the last failed attempt appends the delivery to the Redis list
//              `<prefix>:webhook:<id>:dead`; an operator lists it (listDeadLetters) and sends it
//              again (replayDeadLetters)
//
// Delivery is at least once: receivers dedupe on X-Lede-Delivery (stable across retries).
import { createHmac, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { duplicateRedis, isRedisConnectionError, type RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import { fetchUrl } from '../fetch/http.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
import { ensureGroup, GroupConsumer } from './consumer.js';
import { type PublishedEvent, type StreamKeys } from './entries.js';
import { articleLoader, eventMatches } from './filter.js';

export type WebhookSubscriber = Config['webhooks'][number];

export interface WebhookOptions {
  /** Attempts per delivery before the dead-letter list. */
  attempts: number;
  /** First retry delay, doubling each attempt, ms. */
  backoffMs: number;
  /** Whole-request limit, ms. */
  timeoutMs: number;
  /** `host` or `host:port` receivers allowed on private addresses (stream.webhookAllowPrivateHosts). Default none. */
  allowPrivateHosts?: readonly string[];
  /** A dispatcher's unacked entries are taken over by another after this, ms. Default 30 000. */
  claimIdleMs?: number;
}

export const WEBHOOK_QUEUE = 'webhook';

/** Job payload: ids and the small event, never the secret (the worker looks it up by id). */
export interface WebhookJob {
  subscriberId: string;
  event: PublishedEvent;
}

export interface DeadLetter extends WebhookJob {
  attempts: number;
  error: string;
  failedAt: string;
}

export const deadLetterKey = (prefix: string, subscriberId: string) => `${prefix}:webhook:${subscriberId}:dead`;
const groupOf = (subscriberId: string) => `webhook:${subscriberId}`;
// Stable per (subscriber, event): a re-dispatched event is the same job, and the receiver's dedupe key.
const deliveryId = (subscriberId: string, seq: number) => `${subscriberId}-${seq}`;

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A receiver's answer is a status; its body is never read beyond this. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** POST one event; throws when the receiver does not answer 2xx in time (a 3xx included). */
export async function deliverWebhook(
  subscriber: WebhookSubscriber,
  event: PublishedEvent,
  opts: Pick<WebhookOptions, 'timeoutMs' | 'allowPrivateHosts'>,
): Promise<void> {
  const body = JSON.stringify(event);
  const res = await fetchUrl(subscriber.url, {
    method: 'POST',
    userAgent: 'lede-webhooks/0.1',
    headers: {
      'content-type': 'application/json',
      'x-lede-event': event.type,
      'x-lede-delivery': deliveryId(subscriber.id, event.seq),
      'x-lede-signature': signBody(body, subscriber.secret),
    },
    body,
    timeoutMs: opts.timeoutMs,
    allowPrivateHosts: opts.allowPrivateHosts ?? [],
    maxBytes: MAX_ANSWER_BYTES,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook: ${subscriber.id} answered ${res.status}`);
}

function jobOptions(subscriberId: string, seq: number, opts: WebhookOptions): JobsOptions {
  return {
    jobId: deliveryId(subscriberId, seq),
    attempts: opts.attempts,
    backoff: { type: 'exponential', delay: opts.backoffMs },
    removeOnComplete: { age: 3_600 },
    removeOnFail: { age: 86_400 },
  };
}

export async function listDeadLetters(redis: RedisClient, prefix: string, subscriberId: string): Promise<DeadLetter[]> {
  return (await redis.lrange(deadLetterKey(prefix, subscriberId), 0, -1)).map((raw) => JSON.parse(raw) as DeadLetter);
}

/** Queue every dead letter of the subscriber for delivery again (a fresh set of attempts). Returns how many. */
export async function replayDeadLetters(
  deps: { redis: RedisClient; prefix: string; options: WebhookOptions },
  subscriberId: string,
): Promise<number> {
  const key = deadLetterKey(deps.prefix, subscriberId);
  const queue = new Queue<WebhookJob>(WEBHOOK_QUEUE, { connection: deps.redis, prefix: deps.prefix });
  queue.on('error', () => {}); // connection errors reach the calls below as rejections
  let replayed = 0;
  try {
    for (const raw of await deps.redis.lrange(key, 0, -1)) {
      const letter = JSON.parse(raw) as DeadLetter;
      const opts = jobOptions(subscriberId, letter.event.seq, deps.options);
      // The failed job still holds the id; without removing it the add would be a no-op.
      await queue.remove(opts.jobId!);
      await queue.add('deliver', { subscriberId, event: letter.event }, opts);
      await deps.redis.lrem(key, 1, raw);
      replayed += 1;
    }
  } finally {
    await queue.close();
  }
  return replayed;
}

export interface WebhookDeps {
  connection: RedisClient;
  prefix: string;
  keys: StreamKeys;
  store: Pick<Store, 'getArticle' | 'getStory'>;
  subscribers: WebhookSubscriber[];
  options: WebhookOptions;
  logger?: Logger;
}

/** Dispatchers for every subscriber and the delivery worker, in this process. */
export class Webhooks {
  private queue?: Queue<WebhookJob>;
  private worker?: Worker<WebhookJob>;
  private readonly loops: Promise<void>[] = [];
  private readonly readers: RedisClient[] = [];
  private stopped = false;

  constructor(private readonly deps: WebhookDeps) {}

  /** Nothing runs (no queue, no connections) while no subscriber is configured. */
  async start(): Promise<void> {
    const { deps } = this;
    if (deps.subscribers.length === 0) return;
    const queue = new Queue<WebhookJob>(WEBHOOK_QUEUE, { connection: deps.connection, prefix: deps.prefix });
    queue.on('error', () => {}); // the shared connection's owner logs its errors
    this.queue = queue;
    const byId = new Map(deps.subscribers.map((s) => [s.id, s]));
    // Several at once, so one slow receiver does not hold up the others' deliveries.
    this.worker = new Worker<WebhookJob>(WEBHOOK_QUEUE, (job) => this.deliver(job, byId), {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: 8,
    });
    this.worker.on('error', (err) => {
      if (!isRedisConnectionError(err)) deps.logger?.warn({ err: err.message }, 'webhook: worker error');
    });
    for (const subscriber of deps.subscribers) {
      await ensureGroup(deps.connection, deps.keys.events, groupOf(subscriber.id));
      const reader = duplicateRedis(deps.connection);
      this.readers.push(reader);
      this.loops.push(this.dispatch(subscriber, reader, queue));
    }
  }

  private async deliver(job: Job<WebhookJob>, byId: Map<string, WebhookSubscriber>): Promise<void> {
    const subscriber = byId.get(job.data.subscriberId);
    if (!subscriber) throw new UnrecoverableError(`webhook: no subscriber ${job.data.subscriberId} configured`);
    try {
      await deliverWebhook(subscriber, job.data.event, this.deps.options);
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        const letter: DeadLetter = {
          ...job.data,
          attempts: job.attemptsMade + 1,
          error: (err as Error).message,
          failedAt: new Date().toISOString(),
        };
        await this.deps.connection.rpush(deadLetterKey(this.deps.prefix, subscriber.id), JSON.stringify(letter));
        this.deps.logger?.warn(
          { subscriber: subscriber.id, seq: job.data.event.seq, err: letter.error },
          'webhook: delivery dead-lettered',
        );
      }
      throw err;
    }
  }

  /** Stream → queue for one subscriber, until stop(). */
  private async dispatch(subscriber: WebhookSubscriber, reader: RedisClient, queue: Queue<WebhookJob>): Promise<void> {
    const { deps } = this;
    const name = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const consumer = new GroupConsumer(reader, deps.keys.events, groupOf(subscriber.id), name);
    const loadArticle = articleLoader(deps.store);
    while (!this.stopped) {
      try {
        const batch = [
          ...(await consumer.claimStale(deps.options.claimIdleMs ?? 30_000)),
          ...(await consumer.read(100, 1_000)),
        ];
        for (const entry of batch) {
          if (await eventMatches(entry.event, subscriber.filters, loadArticle)) {
            await queue.add(
              'deliver',
              { subscriberId: subscriber.id, event: entry.event },
              jobOptions(subscriber.id, entry.event.seq, deps.options),
            );
          }
        }
        await consumer.ack(batch.map((e) => e.id));
      } catch (err) {
        if (this.stopped) return;
        deps.logger?.warn({ subscriber: subscriber.id, err: (err as Error).message }, 'webhook: dispatch failed');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const reader of this.readers) reader.disconnect();
    await Promise.all(this.loops);
    await this.worker?.close();
    await this.queue?.close();
  }
}
