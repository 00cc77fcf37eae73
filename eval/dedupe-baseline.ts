// The three-rule baseline story identity is measured against: two items are one story when they
// are at most 24 h apart and either carry the same headline or share most of their wording
// (5-word shingles: containment of the shorter in the longer >= 0.8, or Jaccard >= 0.5). Text is
// the body, or the headline for a headline-only item. Pairwise, no state, no time sense beyond
// the window: what a careful first implementation would do.
import { normalizeText, shingles, words } from '../src/stories/text.js';

export interface BaselineItem {
  datetime: string | null;
  title: string;
  body: string;
}

const WINDOW_HOURS = 24;
const CONTAINMENT = 0.8;
const JACCARD = 0.5;

export function baselineSame(a: BaselineItem, b: BaselineItem): boolean {
  if (!a.datetime || !b.datetime) return false;
  const hours = Math.abs(Date.parse(`${a.datetime}Z`) - Date.parse(`${b.datetime}Z`)) / 3_600_000;
  if (hours > WINDOW_HOURS) return false;
  if (normalizeText(a.title) !== '' && normalizeText(a.title) === normalizeText(b.title)) return true;
  const sa = new Set(shingles(words(a.body || a.title), 5));
  const sb = new Set(shingles(words(b.body || b.title), 5));
  if (sa.size === 0 || sb.size === 0) return false;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / Math.min(sa.size, sb.size) >= CONTAINMENT || shared / (sa.size + sb.size - shared) >= JACCARD;
}
