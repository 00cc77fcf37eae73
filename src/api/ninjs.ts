// Articles and stories as IPTC ninjs 2.1 (News in JSON), the schema in schemas/ninjs-schema_2.1.json.
//
// Identity: a story is one news object and each stored article one version of it, as in
// NewsML-G2 (newsItem@guid + version). So an article's `uri` is its story's uri and `version` its
// version number; the article id and the source URL travel in `altids`.
//
// ninjs 2.1 gives `relevance` only to subjects (people, organisations and places are closed
// objects without it), so topics carry relevance and entities are listed most salient first.
//
// One clock per version (versionTimes): `firstcreated` is when the story was first published
// (the publisher's time of its first version, else when lede first saw it) and `versioncreated`
// when this version was (the publisher's modified or publication time when it is later, else when
// lede stored the version). Both views of a version, story and article, compute them here alike.
import { CORPORATE_SUFFIXES, ORG_HEADS } from '../enrich/entities/lexicon.js';
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
  pubstatus: 'usable' | 'canceled';
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

/** Last words of company, club and institution names that no surname has. */
const ORGANISATION_WORDS = new Set([
  ...ORG_HEADS,
  ...CORPORATE_SUFFIXES,
  ...['united', 'athletic', 'rovers', 'rangers', 'wanderers', 'albion', 'fc', 'city', 'county', 'foods', 'farms'],
  ...['holdings', 'logistics', 'capital', 'partners', 'construction', 'technologies', 'networks', 'labs'],
  ...['software', 'systems', 'observatory', 'laboratory', 'center', 'centre', 'coalition', 'retail', 'energy'],
  ...['media', 'pharmaceuticals', 'mining', 'resources', 'ventures', 'studios', 'brands', 'stores', 'telecom'],
]);

/**
 * ninjs `people` are "individual human beings": a person entity is listed with a Wikidata id, or
 * with a name of two or more capitalised words none of which ends a company's, club's or
 * institution's name. A tagger's "Sport" or "Cascadia Foods" filed as a person is left out
 * rather than published as one.
 */
function isNamedPerson(entity: Entity): boolean {
  if (entity.wikidataId) return true;
  const words = entity.name.split(/\s+/);
  return (
    words.length >= 2 &&
    words.every((w) => /^\p{Lu}/u.test(w) && !ORGANISATION_WORDS.has(w.toLowerCase().replace(/\.$/, '')))
  );
}

function entitiesOf(article: ArticleRecord, type: EntityType): Entity[] {
  return article.entities.filter((e) => e.type === type).sort((a, b) => b.salience - a.salience);
}

function subject(topic: Topic): Subject {
  const relevance = Math.round(Math.min(1, Math.max(0, topic.score)) * 100);
  return { name: topic.label, uri: mediaTopicUri(topic.code), literal: topic.code, relevance, creator: 'lede' };
}

/** `firstcreated` and `versioncreated` of one version: see the header. */
export function versionTimes(
  article: ArticleRecord,
  story?: StoryRecord,
): { firstcreated: string; versioncreated: string } {
  const stored = isoTime(article.createdAt) ?? new Date(0).toISOString();
  const firstcreated =
    isoTime(story?.firstPublishedAt) ??
    isoTime(story?.firstSeenAt) ??
    (article.version === 1 ? isoTime(article.publishedAt) : undefined) ??
    stored;
  if (article.version === 1) return { firstcreated, versioncreated: firstcreated };
  const published = [isoTime(article.modifiedAt), isoTime(article.publishedAt)].filter(
    (t): t is string => t !== undefined && t > firstcreated,
  );
  const versioncreated = published.sort().at(-1) ?? (stored > firstcreated ? stored : firstcreated);
  return { firstcreated, versioncreated };
}

/**
 * One version of a story as ninjs. `story` gives the publication status (withdrawn → canceled:
 * the wire killed it, IPTC's "withheld" would say it comes back) and the story's first times;
 * without it the article is assumed usable.
 */
export function articleToNinjs(article: ArticleRecord, story?: StoryRecord): NinjsItem {
  const { firstcreated, versioncreated } = versionTimes(article, story);
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
    pubstatus: story?.withdrawn ? 'canceled' : 'usable',
    ...(article.language ? { language: article.language } : {}),
    headlines: [{ role: 'main', value: article.title }],
    bodies,
    ...(by ? { by } : {}),
    ...(article.dateline?.place ? { located: article.dateline.place } : {}),
    people: entitiesOf(article, 'person').filter(isNamedPerson).map(concept),
    organisations: entitiesOf(article, 'organization').map(concept),
    places: entitiesOf(article, 'location').map(place),
    subjects: [...article.topics].sort((a, b) => b.score - a.score).map(subject),
    ...(article.siteName ? { infosources: [{ name: article.siteName, role: 'publisher' }] } : {}),
    ...(isHttpUrl(article.leadImage) ? { renditions: [{ name: 'lead-image', href: article.leadImage }] } : {}),
    altids: [{ role: 'lede-article-id', value: article.id }, ...(link ? [{ role: 'url', value: link }] : [])],
  };
}

/** A story as ninjs: its latest version, exactly as the article view gives that version. */
export function storyToNinjs(story: StoryRecord, latest: ArticleRecord): NinjsItem {
  return articleToNinjs(latest, story);
}
