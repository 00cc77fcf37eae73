// The OpenAPI 3.1 description of the API, served at /openapi.json. Written by hand so it reads
// as documentation; test/api/contract.test.ts calls every operation described here and checks
// each answer against it (and ninjs items against the unedited IPTC schema), and that every
// route the server registers is described (the dashboard under /admin/queues is a UI, and
// /websub/<feedId> a hub callback, not part of the API).
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
const error = (description: string) => json(ref('Error'), description);
/** Every /v1 operation may answer these; `default` covers a 500 (the same Error body). */
const errors = {
  '400': error('A parameter is invalid; the message names it'),
  '401': error('API keys are configured and the request presents none that matches'),
  '429': error('Rate limit per API key (or client IP) exceeded; see Retry-After'),
  default: error('Unexpected failure (500)'),
};
const string = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
const timeParam = {
  type: 'string',
  format: 'date-time',
  description: 'RFC 3339 with an offset (2026-11-28T10:00:00Z), or a date meaning midnight UTC',
};

const listParams = [
  param('since', 'Only items at or after this time (stories: last update; articles: publication)', timeParam),
  param('until', 'Only items before this time (stories: last update; articles: publication)', timeParam),
  param('feed', 'Only items from this feed id'),
  param('topic', 'Only items tagged with this IPTC Media Topic code, e.g. medtop:11000000'),
  param('entity', 'Only items mentioning this entity: a Wikidata id (Q30) or a name (case-insensitive)'),
  param('language', 'Only items in this language (ISO 639-1, e.g. en)'),
  param('q', 'Only items whose headline or body contains this text (case-insensitive)'),
  param('limit', `Page size, a decimal integer; default ${DEFAULT_PAGE_SIZE}`, {
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  }),
  param(
    'cursor',
    'nextCursor of the previous page. Pages follow an order that never changes (first seen, newest first), so a walk neither skips nor repeats while items arrive or change',
  ),
];
const formatParam = param(
  'format',
  'ninjs for IPTC ninjs 2.1; wins over Accept (application/ninjs+json, with q-values honoured)',
  { type: 'string', enum: ['json', 'ninjs'] },
);
const idParam = param('id', 'Identifier', { type: 'string' }, 'path');
const etagged = {
  '304': {
    description:
      'Not modified: If-None-Match matched the ETag (weak comparison; a list of tags or * also match). No body.',
    headers: { ETag: { schema: string } },
  },
  '404': error('No such resource'),
};

/** A page in one representation; `format` tells the two apart, even when `items` is empty. */
const page = (format: 'json' | 'ninjs', item: string) => ({
  type: 'object',
  required: ['format', 'items', 'nextCursor'],
  properties: {
    format: { const: format },
    items: { type: 'array', items: ref(item) },
    nextCursor: { type: ['string', 'null'], description: 'Pass back as cursor; null on the last page' },
  },
});
const pageOf = (jsonPage: string, description: string) => ({
  description,
  headers: { Vary: { schema: string, description: 'Accept' } },
  content: {
    'application/json': {
      schema: {
        oneOf: [ref(jsonPage), ref('NinjsPage')],
        discriminator: {
          propertyName: 'format',
          mapping: { json: `#/components/schemas/${jsonPage}`, ninjs: '#/components/schemas/NinjsPage' },
        },
      },
    },
  },
});
const either = (schema: string, description: string) => ({
  description,
  headers: { ETag: { schema: string }, Vary: { schema: string, description: 'Accept' } },
  content: { 'application/json': { schema: ref(schema) }, 'application/ninjs+json': { schema: ref('Ninjs') } },
});
const secured = [{ bearer: [] }, { apiKey: [] }];

const entity = {
  type: 'object',
  required: ['type', 'name', 'mentions', 'count', 'salience'],
  properties: {
    type: { enum: ['person', 'organization', 'location'] },
    name: string,
    mentions: {
      type: 'array',
      description: 'Character offsets into bodyText, end exclusive',
      items: {
        type: 'object',
        required: ['text', 'start', 'end'],
        properties: {
          text: string,
          start: { type: 'integer' },
          end: { type: 'integer' },
          demonym: { type: 'boolean', description: 'A nationality word ("Russian") standing for the place' },
        },
      },
    },
    count: { type: 'integer' },
    salience: { type: 'number', minimum: 0, maximum: 1 },
    wikidataId: { type: 'string', pattern: '^Q[0-9]+$' },
    countryCode: { type: 'string', description: 'Locations: ISO 3166-1 alpha-2' },
    lat: { type: 'number' },
    lon: { type: 'number' },
  },
};

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
            properties: { code: string, message: string },
          },
        },
      },
      Story: {
        type: 'object',
        required: ['id', 'latestArticleId', 'version', 'title', 'withdrawn', 'firstSeenAt', 'updatedAt'],
        properties: {
          id: string,
          latestArticleId: string,
          version: { type: 'integer', minimum: 1 },
          title: string,
          feedId: string,
          withdrawn: { type: 'boolean' },
          firstSeenAt: time,
          firstPublishedAt: { type: 'string', description: "The publisher's time of the first version" },
          updatedAt: time,
        },
      },
      StoryWithVersions: {
        allOf: [
          ref('Story'),
          {
            type: 'object',
            required: ['versions'],
            properties: { versions: { type: 'array', items: ref('Article') } },
          },
        ],
      },
      Article: {
        type: 'object',
        description:
          'One version of a story: extracted text, metadata and enrichment (see src/shared/types.ts ArticleRecord).',
        required: [
          'id',
          'storyId',
          'version',
          'title',
          'authors',
          'bodyText',
          'wordCount',
          'credits',
          'entities',
          'topics',
          'keywords',
          'textHash',
          'dedupe',
          'createdAt',
        ],
        properties: {
          id: string,
          storyId: string,
          version: { type: 'integer', minimum: 1 },
          feedId: string,
          guid: string,
          url: string,
          canonicalUrl: string,
          title: string,
          byline: string,
          authors: { type: 'array', items: string },
          publishedAt: { type: 'string', description: 'As the publisher wrote it (usually ISO 8601)' },
          modifiedAt: { type: 'string', description: 'As the publisher wrote it (usually ISO 8601)' },
          language: string,
          siteName: string,
          leadImage: string,
          bodyText: string,
          bodyHtml: string,
          wordCount: { type: 'integer' },
          dateline: {
            type: 'object',
            required: ['text'],
            properties: { text: string, place: string, agency: string },
          },
          credits: { type: 'array', items: string },
          sources: { type: 'object', additionalProperties: string },
          entities: { type: 'array', items: entity },
          topics: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'label', 'score'],
              properties: { code: string, label: string, score: { type: 'number' } },
            },
          },
          keywords: { type: 'array', items: string },
          textHash: string,
          dedupe: {
            type: 'object',
            required: ['kind', 'storyId', 'rule'],
            properties: {
              kind: { enum: ['new', 'update', 'duplicate'] },
              storyId: string,
              matchedArticleId: string,
              rule: string,
              score: { type: 'number' },
              threshold: { type: 'number' },
              reason: string,
            },
          },
          changes: {
            type: 'object',
            properties: {
              headlineChanged: { type: 'boolean' },
              paragraphsAdded: { type: 'integer' },
              paragraphsRemoved: { type: 'integer' },
              paragraphsChanged: { type: 'integer' },
            },
          },
          fetchedAt: string,
          createdAt: time,
        },
      },
      Ninjs: {
        description:
          'An IPTC ninjs 2.1 news item. uri is the story (urn:lede:story:…) and version its version: the article view and the story view of one version are identical. firstcreated: the publisher’s time of the first version, else when lede first saw the story; versioncreated: the publisher’s time of this version when later, else when lede stored it. pubstatus canceled: the story was withdrawn.',
        $ref: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json',
      },
      StoryPage: page('json', 'Story'),
      ArticlePage: page('json', 'Article'),
      NinjsPage: page('ninjs', 'Ninjs'),
      Feed: {
        type: 'object',
        required: ['id', 'url', 'tags', 'enabled', 'schedule', 'health'],
        properties: {
          id: string,
          url: string,
          name: string,
          tags: { type: 'array', items: string },
          enabled: { type: 'boolean' },
          schedule: {
            type: 'object',
            required: ['mode', 'intervalSeconds', 'learned'],
            properties: {
              mode: { enum: ['fixed', 'adaptive'] },
              intervalSeconds: { type: 'number' },
              learned: { type: 'boolean' },
            },
          },
          health: {
            type: 'object',
            required: ['state', 'errorStreak', 'itemsLast24h'],
            properties: {
              state: { enum: ['ok', 'backing_off', 'failing', 'stale', 'new'] },
              lastSuccessAt: time,
              lastPolledAt: time,
              lastError: string,
              errorStreak: { type: 'integer' },
              itemsLast24h: { type: 'integer' },
              nextPollAt: time,
              usualGapSeconds: { type: 'number' },
            },
          },
        },
      },
      FeedList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Feed') } } },
      ChangeEvent: {
        type: 'object',
        required: ['seq', 'type', 'storyId', 'createdAt'],
        properties: {
          seq: { type: 'integer', description: 'Monotonic; also the SSE event id and the Redis stream id (<seq>-0)' },
          type: { enum: ['story.created', 'story.updated', 'story.withdrawn'] },
          storyId: string,
          articleId: string,
          version: { type: 'integer' },
          feedId: string,
          createdAt: time,
        },
      },
      Health: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
      Readiness: {
        type: 'object',
        required: ['status', 'redis', 'store'],
        properties: {
          status: { enum: ['ready', 'not_ready'] },
          redis: { type: 'string', description: '"ok", or why Redis does not answer' },
          store: { type: 'string', description: '"ok", or why the store does not answer' },
        },
      },
    },
  },
  paths: {
    '/v1/stories': {
      get: {
        operationId: 'listStories',
        summary: 'Stories, newest first (by when lede first saw them)',
        parameters: [...listParams, formatParam],
        responses: { '200': pageOf('StoryPage', 'A page of stories (format json) or of ninjs items'), ...errors },
      },
    },
    '/v1/stories/{id}': {
      get: {
        operationId: 'getStory',
        summary: 'A story with all its versions (ninjs: its latest version)',
        parameters: [idParam, formatParam],
        responses: { '200': either('StoryWithVersions', 'The story'), ...etagged, ...errors },
      },
    },
    '/v1/articles': {
      get: {
        operationId: 'listArticles',
        summary: 'Articles (story versions), newest first',
        parameters: [...listParams, formatParam],
        responses: { '200': pageOf('ArticlePage', 'A page of articles (format json) or of ninjs items'), ...errors },
      },
    },
    '/v1/articles/{id}': {
      get: {
        operationId: 'getArticle',
        summary: 'One article',
        parameters: [idParam, formatParam],
        responses: { '200': either('Article', 'The article'), ...etagged, ...errors },
      },
    },
    '/v1/feeds': {
      get: {
        operationId: 'listFeeds',
        summary: 'Configured feeds and their health',
        responses: { '200': json(ref('FeedList'), 'Feeds'), ...errors },
      },
    },
    '/v1/feeds/{id}': {
      get: {
        operationId: 'getFeed',
        summary: 'One feed and its health',
        parameters: [idParam],
        responses: { '200': json(ref('Feed'), 'The feed'), '404': error('No such feed'), ...errors },
      },
    },
    '/v1/stream': {
      get: {
        operationId: 'streamEvents',
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
            description:
              'An endless text/event-stream; the data line of each event is a ChangeEvent (components/schemas)',
            content: { 'text/event-stream': { schema: string } },
          },
          ...errors,
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'The process is alive',
        security: [],
        responses: { '200': json(ref('Health'), 'Alive') },
      },
    },
    '/readyz': {
      get: {
        operationId: 'readiness',
        summary: 'Redis and the store answer',
        security: [],
        responses: {
          '200': json(ref('Readiness'), 'Ready: redis and store are "ok"'),
          '503': json(ref('Readiness'), 'Not ready: status not_ready, and redis or store says what fails'),
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        security: [],
        responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: string } } } },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document',
        security: [],
        responses: {
          '200': {
            description: 'OpenAPI 3.1',
            content: {
              'application/json': { schema: { type: 'object', required: ['openapi', 'paths'] } },
            },
          },
        },
      },
    },
  },
} as const;

export function registerOpenApi(app: FastifyInstance): void {
  app.get('/openapi.json', async () => openApiDocument);
}
