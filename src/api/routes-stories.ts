// Stories and articles: newest first with cursor pagination; single resources with ETag.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../storage/store.js';
import { parseListQuery } from './params.js';

function sendWithEtag(req: FastifyRequest, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type('application/json').send(json);
}

const notFound = (reply: FastifyReply, what: string, id: string) =>
  reply.code(404).send({ error: { code: 'not_found', message: `${what} ${id} not found` } });

export function registerStoryRoutes(app: FastifyInstance, store: Store): void {
  app.get('/v1/stories', async (req) => {
    const page = await store.listStories(parseListQuery(req.query));
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  });

  app.get<{ Params: { id: string } }>('/v1/stories/:id', async (req, reply) => {
    const story = await store.getStory(req.params.id);
    if (!story) return notFound(reply, 'story', req.params.id);
    const versions = await store.getStoryVersions(story.id);
    return sendWithEtag(req, reply, { ...story, versions });
  });

  app.get('/v1/articles', async (req) => {
    const page = await store.listArticles(parseListQuery(req.query));
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  });

  app.get<{ Params: { id: string } }>('/v1/articles/:id', async (req, reply) => {
    const article = await store.getArticle(req.params.id);
    if (!article) return notFound(reply, 'article', req.params.id);
    return sendWithEtag(req, reply, article);
  });
}
