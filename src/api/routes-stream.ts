// GET /v1/stream: change events as Server-Sent Events.
//
//   id: <seq>            the outbox seq; resume with Last-Event-ID (or ?lastEventId=)
//   event: <type>        story.created | story.updated | story.withdrawn
//   data: <json>         the ChangeEvent
//
// Without a resume point the stream starts after the newest published event. Filters: feed,
// topic, entity (topic and entity look up the event's article). An idle connection gets a
// `: heartbeat` comment every stream.heartbeatSeconds so proxies keep it open. Every client of
// this process reads through one shared hub (stream/hub.ts: one Redis connection, fan-out in
// memory); stream.maxClients and stream.maxClientsPerKey cap the streams open at once, beyond
// which a client gets 503 with Retry-After. lede_stream_clients in /metrics counts them.
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { z } from 'zod';
import { BadParameter } from './params.js';
import type { ApiDeps } from './server.js';
import { streamKeys } from '../stream/entries.js';
import { articleLoader, eventMatches } from '../stream/filter.js';
import { EventReader } from '../stream/reader.js';
import { StreamHub } from '../stream/hub.js';
import { ClientLimits } from '../stream/client-limits.js';

/** What a refused client is told to wait before trying again, seconds. */
const RETRY_AFTER_SECONDS = 30;

const seq = z.coerce.number().int().min(0);
const streamParams = z
  .object({
    lastEventId: seq.optional(),
    feed: z.string().max(64).optional(),
    topic: z.string().max(64).optional(),
    entity: z.string().max(200).optional(),
  })
  .strict();

function parseStreamQuery(raw: unknown, lastEventIdHeader: unknown) {
  const r = streamParams.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    throw new BadParameter(
      `parameter "${name}": ${issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message}`,
    );
  }
  const { lastEventId, ...filter } = r.data;
  if (typeof lastEventIdHeader === 'string' && lastEventIdHeader !== '') {
    const fromHeader = seq.safeParse(lastEventIdHeader);
    if (!fromHeader.success) throw new BadParameter('header "Last-Event-ID": must be a non-negative integer');
    return { after: fromHeader.data, filter: filter };
  }
  return { after: lastEventId, filter: filter };
}

/** Write and wait for the socket to drain when it is full, so a slow client slows its reader. */
function write(reply: FastifyReply, text: string): Promise<void> {
  if (reply.raw.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      reply.raw.off('drain', done);
      reply.raw.off('close', done);
      resolve();
    };
    reply.raw.on('drain', done).on('close', done);
  });
}

export function registerStreamRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'config' | 'connection' | 'store' | 'logger' | 'metrics'>,
): void {
  const { prefix } = deps.config.redis;
  const keys = streamKeys(prefix);
  const heartbeatMs = deps.config.stream.heartbeatSeconds * 1000;
  const loadArticle = articleLoader(deps.store);
  const reader = new EventReader(deps.connection, deps.store, keys);
  const hub = new StreamHub(deps.connection, reader, keys, {
    connectionName: `lede-stream-${prefix}-${hostname()}-${process.pid}`.replace(/[^\w.:-]/g, '_'),
  });
  const limits = new ClientLimits({
    maxClients: deps.config.stream.maxClients,
    maxPerCaller: deps.config.stream.maxClientsPerKey,
  });
  new Gauge({
    name: 'lede_stream_clients',
    help: 'Server-Sent Event clients connected to this API process',
    registers: [deps.metrics.registry],
    collect() {
      this.set(limits.open);
    },
  });
  const refusals = new Counter({
    name: 'lede_stream_refused_total',
    help: 'Stream clients refused with 503 because a cap was reached, by cap (process, caller)',
    labelNames: ['cap'],
    registers: [deps.metrics.registry],
  });
  const open = new Set<() => void>();
  // Hijacked responses would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const end of open) end();
    await hub.stop();
  });

  app.get('/v1/stream', async (req, reply) => {
    const { after, filter } = parseStreamQuery(req.query, req.headers['last-event-id']);
    const slot = limits.acquire(req.caller);
    if ('refused' in slot) {
      refusals.inc({ cap: slot.refused });
      const which = slot.refused === 'process' ? 'this server' : 'this API key (or client address)';
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: 'too_many_streams', message: `stream: too many open streams for ${which}` } });
    }
    let closed = false;
    const end = () => {
      if (closed) return;
      closed = true;
      slot.release();
      reply.raw.end();
    };
    open.add(end);
    reply.raw.on('close', end);

    let cursor: number;
    try {
      cursor = after ?? (await reader.latestSeq());
    } catch (err) {
      end();
      open.delete(end);
      throw err;
    }
    reply.hijack();
    // Headers set by hooks (CORS, rate limit) live on the reply; hijacking bypasses them.
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    await write(reply, `retry: 2000\n\n`);

    let lastWrite = Date.now();
    try {
      while (!closed) {
        const events = await hub.readAfter(cursor, 200, heartbeatMs);
        for (const event of events) {
          cursor = event.seq;
          if (!(await eventMatches(event, filter, loadArticle))) continue;
          await write(reply, `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          lastWrite = Date.now();
        }
        // Filtered-out traffic is not traffic to the client: heartbeat on what it received.
        if (!closed && Date.now() - lastWrite >= heartbeatMs) {
          await write(reply, ': heartbeat\n\n');
          lastWrite = Date.now();
        }
      }
    } catch (err) {
      if (!closed) req.log.warn({ err: (err as Error).message }, 'stream: client stream failed');
    } finally {
      end();
      open.delete(end);
    }
  });
}
