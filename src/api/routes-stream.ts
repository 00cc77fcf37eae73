// GET /v1/stream: change events as Server-Sent Events.
//
//   id: <seq>            the outbox seq; resume with Last-Event-ID (or ?lastEventId=)
//   event: <type>        story.created | story.updated | story.withdrawn
//   data: <json>         the ChangeEvent
//
// Without a resume point the stream starts after the newest published event. Filters: feed,
// topic, entity (topic and entity look up the event's article). An idle connection gets a
// `: heartbeat` comment every stream.heartbeatSeconds so proxies keep it open. Each client holds
// its own Redis connection (XREAD BLOCK) for as long as it stays connected.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { BadParameter } from './params.js';
import type { ApiDeps } from './server.js';
import { streamKeys } from '../stream/entries.js';
import { articleLoader, eventMatches } from '../stream/filter.js';
import { EventReader } from '../stream/reader.js';
import { duplicateConnection } from '../shared/redis.js';

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
  deps: Pick<ApiDeps, 'config' | 'connection' | 'store' | 'logger'>,
): void {
  const keys = streamKeys(deps.config.redis.prefix);
  const heartbeatMs = deps.config.stream.heartbeatSeconds * 1000;
  const loadArticle = articleLoader(deps.store);
  const open = new Set<() => void>();
  // Hijacked responses would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get('/v1/stream', async (req, reply) => {
    const { after, filter } = parseStreamQuery(req.query, req.headers['last-event-id']);
    const redis = duplicateConnection(deps.connection);
    const reader = new EventReader(redis, deps.store, keys);
    let closed = false;
    const end = () => {
      if (closed) return;
      closed = true;
      redis.disconnect();
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
        const events = await reader.readAfter(cursor, 200, heartbeatMs);
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
