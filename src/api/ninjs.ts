// Articles and stories as IPTC ninjs 2.1 (News in JSON), the schema in schemas/ninjs-schema_2.1.json.
//
// Identity: a story is one news object and each stored article one version of it, as in
// NewsML-G2 (newsItem@guid + version). So an article's `uri` is its story's uri and `version` its
// version number; the article id and the source URL travel in `altids`.
//
// ninjs 2.1 gives `relevance` only to subjects (people, organisations and places are closed
// objects without it), so topics carry relevance and entities are listed most salient first.
import type { ArticleRecord, Entity, EntityType, StoryRecord, Topic } from '../shared/types.js';

export const NINJS_MEDIA_TYPE = 'application/ninjs+json';
const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json';
const MEDIA_TOPIC_BASE = 'http://cv.iptc.org/newscodes/mediatopic/';
const WIKIDATA_ENTITY_BASE = 'http://www.wikidata.org/entity/';

interface Concept {
  name: string;
  rel?: string;
  uri?: string;
  literal?: string;
}

interface Place extends Concept {
  geojson?: { type: 'Point'; coordinates: [number, number] };
}

interface Subject extends Concept {
  relevance?: number;
  creator?: string;
}

export interface NinjsItem {
  uri: string;
  standard: { name: 'ninjs'; version: '2.1'; schema: string };
  type: 'text';
  representationtype: 'full';
  version: string;
  firstcreated: string;
  versioncreated: string;
  pubstatus: 'usable' | 'withheld';
  language?: string;
  headlines: { role: string; value: string }[];
  bodies: { role: string; contenttype: string; value: string; wordcount?: number; charcount?: number }[];
  by?: string;
  located?: string;
  people: Concept[];
  organisations: Concept[];
  places: Place[];
  subjects: Subject[];
  infosources?: { name: string; role: string }[];
  renditions?: { name: string; href: string }[];
  altids: { role: string; value: string }[];
}

export const storyUri = (storyId: string) => `urn:lede:story:${encodeURIComponent(storyId)}`;

/** "medtop:11000000" → http://cv.iptc.org/newscodes/mediatopic/11000000 */
export function mediaTopicUri(code: string): string {
  return MEDIA_TOPIC_BASE + code.replace(/^medtop:/, '');
}

/** Times are re-emitted as UTC ISO strings; the schema requires RFC 3339 date-times. */
function isoTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function concept(entity: Entity): Concept {
  return {
    name: entity.name,
    rel: 'mentioned',
    ...(entity.wikidataId ? { uri: WIKIDATA_ENTITY_BASE + entity.wikidataId } : {}),
  };
}

function place(entity: Entity): Place {
  const point = entity.lat !== undefined && entity.lon !== undefined;
  return {
    ...concept(entity),
    ...(point ? { geojson: { type: 'Point', coordinates: [entity.lon!, entity.lat!] } } : {}),
  };
}

function entitiesOf(article: ArticleRecord, type: EntityType): Entity[] {
  return article.entities.filter((e) => e.type === type).sort((a, b) => b.salience - a.salience);
}

function subject(topic: Topic): Subject {
  const relevance = Math.round(Math.min(1, Math.max(0, topic.score)) * 100);
  return { name: topic.label, uri: mediaTopicUri(topic.code), literal: topic.code, relevance, creator: 'lede' };
}

/**
 * One version of a story as ninjs. `story` gives the publication status (withdrawn → withheld)
 * and the story's first-seen time; without it the article is assumed usable.
 */
export function articleToNinjs(article: ArticleRecord, story?: StoryRecord): NinjsItem {
  const created = isoTime(article.createdAt) ?? new Date(0).toISOString();
  const firstcreated = isoTime(article.publishedAt) ?? isoTime(story?.firstSeenAt) ?? created;
  // A first version was created when published; later ones when modified (or stored).
  const versioncreated = article.version === 1 ? firstcreated : (isoTime(article.modifiedAt) ?? created);
  const link = article.canonicalUrl ?? article.url;
  const bodies: NinjsItem['bodies'] = [
    {
      role: 'main',
      contenttype: 'text/plain',
      value: article.bodyText,
      wordcount: article.wordCount,
      charcount: article.bodyText.length,
    },
  ];
  if (article.bodyHtml) bodies.push({ role: 'main', contenttype: 'text/html', value: article.bodyHtml });
  const by = article.byline ?? (article.authors.length ? article.authors.join(', ') : undefined);

  return {
    uri: storyUri(article.storyId),
    standard: { name: 'ninjs', version: '2.1', schema: NINJS_SCHEMA_URI },
    type: 'text',
    representationtype: 'full',
    version: String(article.version),
    firstcreated,
    versioncreated,
    pubstatus: story?.withdrawn ? 'withheld' : 'usable',
    ...(article.language ? { language: article.language } : {}),
    headlines: [{ role: 'main', value: article.title }],
    bodies,
    ...(by ? { by } : {}),
    ...(article.dateline?.place ? { located: article.dateline.place } : {}),
    people: entitiesOf(article, 'person').map(concept),
    organisations: entitiesOf(article, 'organization').map(concept),
    places: entitiesOf(article, 'location').map(place),
    subjects: [...article.topics].sort((a, b) => b.score - a.score).map(subject),
    ...(article.siteName ? { infosources: [{ name: article.siteName, role: 'publisher' }] } : {}),
    ...(isHttpUrl(article.leadImage) ? { renditions: [{ name: 'lead-image', href: article.leadImage }] } : {}),
    altids: [{ role: 'lede-article-id', value: article.id }, ...(link ? [{ role: 'url', value: link }] : [])],
  };
}

/** A story as ninjs: its latest version, with the story's own version, times and status. */
export function storyToNinjs(story: StoryRecord, latest: ArticleRecord): NinjsItem {
  const item = articleToNinjs(latest, story);
  return {
    ...item,
    version: String(story.version),
    firstcreated: isoTime(story.firstSeenAt) ?? item.firstcreated,
    versioncreated: isoTime(story.updatedAt) ?? item.versioncreated,
  };
}
