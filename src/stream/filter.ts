// Which change events a subscriber wants: by feed (on the event itself), by topic or entity (on
// the article the event is about, looked up only when such a filter is set).
import type { ArticleRecord } from '../shared/types.js';
import type { ChangeEvent } from '../storage/store.js';

export interface EventFilter {
  feed?: string;
  /** IPTC Media Topic code, e.g. medtop:11000000. */
  topic?: string;
  /** Wikidata id, or an entity name compared case-insensitively (as the list API does). */
  entity?: string;
}

export const needsArticle = (filter: EventFilter) => filter.topic !== undefined || filter.entity !== undefined;

export function articleMatches(article: ArticleRecord, filter: EventFilter): boolean {
  if (filter.topic !== undefined && !article.topics.some((t) => t.code === filter.topic)) return false;
  if (filter.entity !== undefined) {
    const name = filter.entity.toLowerCase();
    if (!article.entities.some((e) => e.wikidataId === filter.entity || e.name.toLowerCase() === name)) return false;
  }
  return true;
}

/**
 * `loadArticle` gives the article an event is about (its own, or for a withdrawal the story's
 * latest version); an event whose article cannot be found matches no topic or entity filter.
 */
export async function eventMatches(
  event: ChangeEvent,
  filter: EventFilter,
  loadArticle: (event: ChangeEvent) => Promise<ArticleRecord | undefined>,
): Promise<boolean> {
  if (filter.feed !== undefined && event.feedId !== filter.feed) return false;
  if (!needsArticle(filter)) return true;
  const article = await loadArticle(event);
  return article !== undefined && articleMatches(article, filter);
}

/** The article an event is about, read from the store. */
export function articleLoader(store: {
  getArticle(id: string): Promise<ArticleRecord | undefined>;
  getStory(id: string): Promise<{ latestArticleId: string } | undefined>;
}): (event: ChangeEvent) => Promise<ArticleRecord | undefined> {
  return async (event) => {
    const id = event.articleId ?? (await store.getStory(event.storyId))?.latestArticleId;
    return id === undefined ? undefined : store.getArticle(id);
  };
}
