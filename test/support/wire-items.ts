// Invented wire items and the story decisions lede makes on them, in time order, on a fresh
// in-memory lookup: what the wire story-identity tests share.
import { ingest, type PairArticle } from '../../eval/dedupe.js';
import { defaultThresholds } from '../../src/stories/match.js';
import { MemoryStoryLookup } from '../../src/stories/memory-lookup.js';

export const hoursLater = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

/** An item of the test wire; an empty body is a headline-only item (a flash or alert). */
export const wireItem = (title: string, bodyText: string, publishedAt: string): PairArticle => ({
  title,
  bodyText,
  publishedAt,
  feedId: 'wire',
});

/** Each item's decision, the items ingested one after the other as item-0, item-1, ... */
export async function decide(items: PairArticle[]) {
  const lookup = new MemoryStoryLookup();
  const decisions = [];
  for (const [i, item] of items.entries()) decisions.push(await ingest(lookup, `item-${i}`, item, defaultThresholds));
  return decisions;
}
