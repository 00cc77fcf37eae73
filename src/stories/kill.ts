// Which stored story does a kill notice withdraw? Wires kill a story with a short boilerplate
// notice ("KILL - PERLE SAYS ... Editors: please kill the story, it is withdrawn") that carries
// the story's slug with a kill marker, or names the story by its headline. Text overlap is no
// guide (every kill notice reads alike), so the notice is resolved by what it names:
//   1. slug     a stored item with the same slug base (markers stripped), not itself a notice
//   2. headline a stored item whose headline words the notice carries (at least three
//               distinctive words, 80 % of them)
// within the version window, the latest such item first. Pure.
import { GENERIC_HEADLINE_WORDS, type StoredFingerprint } from './fingerprint.js';
import type { MatchCandidate, MatchThresholds } from './match.js';
import { newsHoursBetween } from './news-hours.js';
import { slugBase, versionSignals } from './template.js';
import { words } from './text.js';

export interface KillTarget {
  neighbour: StoredFingerprint;
  why: string;
}

const MIN_NAMED_WORDS = 3;
const NAMED_SHARE = 0.8;

export function killTarget(
  notice: MatchCandidate,
  neighbours: StoredFingerprint[],
  t: Pick<MatchThresholds, 'versionWindowHours'>,
): KillTarget | undefined {
  const live = neighbours
    .filter((n) => !versionSignals(n.slug, n.title, n.lede).kill)
    .filter((n) => withinWindow(notice.publishedAt, n.publishedAt, t.versionWindowHours))
    // Latest first, ties by id: the same inputs always pick the same story.
    .sort(
      (a, b) =>
        (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') ||
        (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0),
    );
  const base = slugBase(notice.slug);
  if (base.length > 3) {
    const bySlug = live.find((n) => slugBase(n.slug) === base);
    if (bySlug) return { neighbour: bySlug, why: `same slug "${base}"` };
  }
  const said = new Set(words(`${notice.title} ${notice.lede}`));
  for (const n of live) {
    const named = distinctive(n.title);
    if (named.length < MIN_NAMED_WORDS) continue;
    const share = named.filter((w) => said.has(w)).length / named.length;
    if (share >= NAMED_SHARE)
      return { neighbour: n, why: `names its headline (${Math.round(share * 100)} % of its words)` };
  }
  return undefined;
}

function distinctive(title: string): string[] {
  return [...new Set(words(title).filter((w) => w.length > 1 && !GENERIC_HEADLINE_WORDS.has(w)))];
}

function withinWindow(a: string | undefined, b: string | undefined, hours: number): boolean {
  const apart = newsHoursBetween(a, b);
  return apart === undefined || apart <= hours;
}
