// The OpenAPI 3.1 description of the API, served at /openapi.json. Written by hand so it reads
// as documentation; test/api/openapi.test.ts checks that every route the server registers is
// described here (the dashboard under /admin/queues is a UI, not part of the API).
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../storage/index.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string, description: string, schema: object = { type: 'string' }, where = 'query') => ({
  name,
  in: where,
  required: where === 'path',
  description,
  schema,
});
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': json(ref('Error'), 'A parameter is invalid; the message names it'),
  '401': json(ref('Error'), 'API keys are configured and the request presents none that matches'),
  '429': json(ref('Error'), 'Rate limit per API key (or client IP) exceeded; see Retry-After'),
};

const listParams = [
  param('since', 'Only items at or after this ISO 8601 time (stories: last update; articles: publication)', {
    type: 'string',
    format: 'date-time',
  }),
  param('until', 'Only items before this ISO 8601 time', { type: 'string', format: 'date-time' }),
  param('feed', 'Only items from this feed id'),
  param('topic', 'Only items tagged with this IPTC Media Topic code, e.g. medtop:11000000'),
  param('entity', 'Only items mentioning this entity: a Wikidata id (Q30) or a name (case-insensitive)'),
  param('language', 'Only items in this language (ISO 639-1, e.g. en)'),
  param('q', 'Only items whose headline or body contains this text (case-insensitive)'),
  param('limit', `Page size, default ${DEFAULT_PAGE_SIZE}`, { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE }),
  param('cursor', 'nextCursor of the previous page; pages stay correct while new items arrive'),
];
const formatParam = param('format', 'ninjs for IPTC ninjs 2.1 (same as Accept: application/ninjs+json)', {
  type: 'string',
  enum: ['json', 'ninjs'],
});
const idParam = param('id', 'Identifier', { type: 'string' }, 'path');
const etagged = {
  '304': { description: 'Not modified: If-None-Match matched the ETag' },
  '404': json(ref('Error'), 'No such resource'),
};
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { oneOf: [ref(item), ref('Ninjs')] } },
    nextCursor: { type: ['string', 'null'] },
  },
});
const either = (schema: string, description: string) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } } },
  content: { 'application/json': { schema: ref(schema) }, 'application/ninjs+json': { schema: ref('Ninjs') } },
});
const secured = [{ bearer: [] }, { apiKey: [] }];

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'lede',
    version: '0.1.0',
    description:
      'News stories and their versions, enriched with entities and IPTC Media Topics. When the operator configures API keys (api.keys, LEDE_API_KEYS) every /v1 route needs one; otherwise the API is open. Health, readiness, metrics and this document are always open.',
  },
  security: secured,
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      Story: {
        type: 'object',
        required: ['id', 'latestArticleId', 'version', 'title', 'withdrawn', 'firstSeenAt', 'updatedAt'],
        properties: {
          id: { type: 'string' },
          latestArticleId: { type: 'string' },
          version: { type: 'integer' },
          title: { type: 'string' },
          feedId: { type: 'string' },
          withdrawn: { type: 'boolean' },
          firstSeenAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      StoryWithVersions: {
        allOf: [ref('Story'), { type: 'object', properties: { versions: { type: 'array', items: ref('Article') } } }],
      },
      Article: {
        type: 'object',
        description:
          'One version of a story: extracted text, metadata and enrichment (see src/shared/types.ts ArticleRecord).',
        required: ['id', 'storyId', 'version', 'title', 'bodyText', 'entities', 'topics', 'createdAt'],
        properties: {
          id: { type: 'string' },
          storyId: { type: 'string' },
          version: { type: 'integer' },
          feedId: { type: 'string' },
          url: { type: 'string' },
          canonicalUrl: { type: 'string' },
          title: { type: 'string' },
          byline: { type: 'string' },
          authors: { type: 'array', items: { type: 'string' } },
          publishedAt: { type: 'string' },
          modifiedAt: { type: 'string' },
          language: { type: 'string' },
          bodyText: { type: 'string' },
          bodyHtml: { type: 'string' },
          entities: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                type: { enum: ['person', 'organization', 'location'] },
                name: { type: 'string' },
                salience: { type: 'number' },
                wikidataId: { type: 'string' },
              },
            },
          },
          topics: {
            type: 'array',
            items: {
              type: 'object',
              properties: { code: { type: 'string' }, label: { type: 'string' }, score: { type: 'number' } },
            },
          },
          keywords: { type: 'array', items: { type: 'string' } },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
      Ninjs: {
        description: 'IPTC ninjs 2.1 news item',
        externalDocs: { url: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json' },
        type: 'object',
      },
      Feed: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          url: { type: 'string' },
          name: { type: 'string' },
          enabled: { type: 'boolean' },
          health: { type: 'object' },
        },
      },
      ChangeEvent: {
        type: 'object',
        required: ['seq', 'type', 'storyId', 'createdAt'],
        properties: {
          seq: { type: 'integer', description: 'Monotonic; also the SSE event id and the Redis stream id (<seq>-0)' },
          type: { enum: ['story.created', 'story.updated', 'story.withdrawn'] },
          storyId: { type: 'string' },
          articleId: { type: 'string' },
          version: { type: 'integer' },
          feedId: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
  paths: {
    '/v1/stories': {
      get: {
        summary: 'Stories, most recently updated first',
        parameters: [...listParams, formatParam],
        responses: { '200': json(page('Story'), 'A page of stories'), ...errors },
      },
    },
    '/v1/stories/{id}': {
      get: {
        summary: 'A story with all its versions (ninjs: its latest version)',
        parameters: [idParam, formatParam],
        responses: { '200': either('StoryWithVersions', 'The story'), ...etagged, ...errors },
      },
    },
    '/v1/articles': {
      get: {
        summary: 'Articles (story versions), newest first',
        parameters: [...listParams, formatParam],
        responses: { '200': json(page('Article'), 'A page of articles'), ...errors },
      },
    },
    '/v1/articles/{id}': {
      get: {
        summary: 'One article',
        parameters: [idParam, formatParam],
        responses: { '200': either('Article', 'The article'), ...etagged, ...errors },
      },
    },
    '/v1/feeds': {
      get: {
        summary: 'Configured feeds and their health',
        responses: {
          '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('Feed') } } }, 'Feeds'),
          ...errors,
        },
      },
    },
    '/v1/feeds/{id}': {
      get: {
        summary: 'One feed and its health',
        parameters: [idParam],
        responses: { '200': json(ref('Feed'), 'The feed'), '404': json(ref('Error'), 'No such feed'), ...errors },
      },
    },
    '/v1/stream': {
      get: {
        summary: 'Change events as Server-Sent Events',
        description:
          'Each event: `id: <seq>`, `event: <type>`, `data: <ChangeEvent JSON>`. Resume with the Last-Event-ID header or ?lastEventId=; without either the stream starts with the next event. Idle connections get a `: heartbeat` comment line.',
        parameters: [
          param('lastEventId', 'Resume after this seq (the Last-Event-ID header takes precedence)', {
            type: 'integer',
            minimum: 0,
          }),
          param('feed', 'Only events of this feed'),
          param('topic', 'Only events whose article is tagged with this IPTC Media Topic code'),
          param('entity', 'Only events whose article mentions this entity (Wikidata id or name)'),
        ],
        responses: {
          '200': {
            description: 'An endless event stream',
            content: { 'text/event-stream': { schema: ref('ChangeEvent') } },
          },
          ...errors,
        },
      },
    },
    '/healthz': {
      get: { summary: 'The process is alive', security: [], responses: { '200': { description: 'Alive' } } },
    },
    '/readyz': {
      get: {
        summary: 'Redis and the store answer',
        security: [],
        responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready; the body names what fails' } },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics',
        security: [],
        responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': {} } } },
      },
    },
    '/openapi.json': {
      get: {
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
      },
    },
  },
} as const;

export function registerOpenApi(app: FastifyInstance): void {
  app.get('/openapi.json', async () => openApiDocument);
}
