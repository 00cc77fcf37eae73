// Record types shared by every stage. Domain modules (feeds, extract, enrich, stories) produce
// these; storage persists them; the API and `lede process` serialise them. Fields are only ever
// added, never renamed or dropped: downstream services rely on them.

/** One item as read from a feed, before its page is fetched. */
export interface FeedItem {
  /** The feed's own identifier for the item (RSS guid, Atom id, JSON Feed id), if any. */
  guid?: string;
  url?: string;
  title?: string;
  /** Full text or HTML the feed itself carries (content:encoded, Atom content, content_html). */
  contentHtml?: string;
  contentText?: string;
  summary?: string;
  authors: string[];
  publishedAt?: string;
  updatedAt?: string;
  categories: string[];
  imageUrl?: string;
  /** Feed marks the item as withdrawn/killed (e.g. a "kill" category or status). */
  withdrawn?: boolean;
  /** Wire keyword with version markers (`BC-PERLE-2NDLD`), when the feed carries one: story matching reads it. */
  slug?: string;
}

export interface Dateline {
  /** Exactly as printed, e.g. "SEOUL, South Korea (AP) —". */
  text: string;
  place?: string;
  agency?: string;
}

/** Where a metadata field's value came from, e.g. { title: 'og:title', publishedAt: 'json-ld' }. */
export type MetadataSources = Record<string, string>;

/** What extraction yields for one page (or for feed-supplied text). */
export interface ExtractedArticle {
  title: string;
  byline?: string;
  authors: string[];
  publishedAt?: string;
  modifiedAt?: string;
  canonicalUrl?: string;
  language?: string;
  siteName?: string;
  leadImage?: string;
  /** Plain text: a blank line between paragraphs; list items and headings on their own lines. */
  bodyText: string;
  /** Sanitized HTML of the body, links absolute. */
  bodyHtml?: string;
  wordCount: number;
  dateline?: Dateline;
  /** Trailing credit lines moved out of the body ("Reporting by …", "… contributed"). */
  credits: string[];
  sources: MetadataSources;
  /** Fields cut to their cap (shared/field-limits.ts), each with its original length in characters. */
  truncated?: Record<string, number>;
}

export type EntityType = 'person' | 'organization' | 'location';

export interface Mention {
  text: string;
  /** Character offsets into bodyText, end exclusive. */
  start: number;
  end: number;
  /** A nationality word standing for the place ("Russian" for Russia), not the place's name. */
  demonym?: boolean;
}

export interface Entity {
  type: EntityType;
  name: string;
  mentions: Mention[];
  count: number;
  /** 0..1: higher when in the headline or lede, and when frequent. */
  salience: number;
  wikidataId?: string;
  /** Locations: ISO 3166-1 alpha-2. */
  countryCode?: string;
  lat?: number;
  lon?: number;
}

export interface Topic {
  /** IPTC Media Topic, e.g. "medtop:11000000". */
  code: string;
  label: string;
  score: number;
}

export interface Enrichment {
  language?: string;
  entities: Entity[];
  topics: Topic[];
  keywords: string[];
}

export type DedupeKind = 'new' | 'update' | 'duplicate';

/** Why an article was attached to a story, or why it started a new one. */
export interface DedupeDecision {
  kind: DedupeKind;
  storyId: string;
  matchedArticleId?: string;
  /** Rule that decided: 'text-hash', 'guid', 'url', 'near-duplicate', 'none'. */
  rule: string;
  score?: number;
  threshold?: number;
  reason?: string;
  /** The item is a kill notice (or the feed marks it withdrawn): its story is withdrawn, not continued. */
  withdraws?: boolean;
}

export interface ChangeSummary {
  headlineChanged: boolean;
  paragraphsAdded: number;
  paragraphsRemoved: number;
  paragraphsChanged: number;
}

/** A stored article: one distinct version of a story. */
export interface ArticleRecord extends ExtractedArticle, Enrichment {
  id: string;
  storyId: string;
  version: number;
  feedId?: string;
  guid?: string;
  url?: string;
  textHash: string;
  dedupe: DedupeDecision;
  changes?: ChangeSummary;
  fetchedAt: string;
  createdAt: string;
}

export interface StoryRecord {
  id: string;
  latestArticleId: string;
  version: number;
  title: string;
  feedId?: string;
  withdrawn: boolean;
  firstSeenAt: string;
  /** The publisher's time of the first version (its publishedAt, when it had a valid one). */
  firstPublishedAt?: string;
  updatedAt: string;
}
