// Stories and articles: newest first with cursor pagination; single resources with ETag.
// Each also as ninjs 2.1 with `?format=ninjs` or `Accept: application/ninjs+json` (ninjs.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleRecord, StoryRecord } from '../shared/types.js';
import type { Store } from '../storage/store.js';
import { articleToNinjs, NINJS_MEDIA_TYPE, storyToNinjs } from './ninjs.js';
import { ifNoneMatchHits } from './negotiate.js';
import { parseListQuery, parseSingleQuery } from './params.js';

function sendWithEtag(req: FastifyRequest, reply: FastifyReply, body: unknown, contentType = 'application/json') {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  // The representation depends on Accept (ninjs or not), so caches must key on it.
  reply.header('etag', etag).header('vary', 'Accept');
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(contentType).send(json);
}

const notFound = (reply: FastifyReply, what: string, id: string) =>
  reply.code(404).send({ error: { code: 'not_found', message: `${what} ${id} not found` } });

const formatOf = (req: FastifyRequest) => parseSingleQuery(req.query, req.headers.accept);
const listQueryOf = (req: FastifyRequest, reply: FastifyReply) => {
  // A list's representation depends on Accept too.
  reply.header('vary', 'Accept');
  return parseListQuery(req.query, req.headers.accept);
};

/** Stories of a page as ninjs: each needs its latest version (a story without one is skipped). */
async function storiesAsNinjs(store: Store, stories: StoryRecord[]) {
  const latest = await Promise.all(stories.map((s) => store.getArticle(s.latestArticleId)));
  return stories.flatMap((s, i) => (latest[i] ? [storyToNinjs(s, latest[i])] : []));
}

/** Articles of a page as ninjs: their stories give the publication status. */
async function articlesAsNinjs(store: Store, articles: ArticleRecord[]) {
  const ids = [...new Set(articles.map((a) => a.storyId))];
  const stories = new Map(await Promise.all(ids.map(async (id) => [id, await store.getStory(id)] as const)));
  return articles.map((a) => articleToNinjs(a, stories.get(a.storyId)));
}

export function registerStoryRoutes(app: FastifyInstance, store: Store): void {
  // A page says which representation its items are in (`format`), so the two page shapes of
  // the OpenAPI document never overlap, not even when a page is empty.
  app.get('/v1/stories', async (req, reply) => {
    const { query, format } = listQueryOf(req, reply);
    const page = await store.listStories(query);
    const items = format === 'ninjs' ? await storiesAsNinjs(store, page.items) : page.items;
    return { format, items, nextCursor: page.nextCursor ?? null };
  });

  app.get<{ Params: { id: string } }>('/v1/stories/:id', async (req, reply) => {
    const format = formatOf(req);
    const story = await store.getStory(req.params.id);
    if (!story) return notFound(reply, 'story', req.params.id);
    if (format === 'ninjs') {
      const latest = await store.getArticle(story.latestArticleId);
      if (!latest) return notFound(reply, 'latest version of story', req.params.id);
      return sendWithEtag(req, reply, storyToNinjs(story, latest), NINJS_MEDIA_TYPE);
    }
    const versions = await store.getStoryVersions(story.id);
    return sendWithEtag(req, reply, { ...story, versions });
  });

  app.get('/v1/articles', async (req, reply) => {
    const { query, format } = listQueryOf(req, reply);
    const page = await store.listArticles(query);
    const items = format === 'ninjs' ? await articlesAsNinjs(store, page.items) : page.items;
    return { format, items, nextCursor: page.nextCursor ?? null };
  });

  app.get<{ Params: { id: string } }>('/v1/articles/:id', async (req, reply) => {
    const format = formatOf(req);
    const article = await store.getArticle(req.params.id);
    if (!article) return notFound(reply, 'article', req.params.id);
    if (format === 'ninjs')
      return sendWithEtag(req, reply, articleToNinjs(article, await store.getStory(article.storyId)), NINJS_MEDIA_TYPE);
    return sendWithEtag(req, reply, article);
  });
}
