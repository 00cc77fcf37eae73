// What changed between two versions of a story, in the terms an editor uses: new headline,
// paragraphs added, removed or rewritten. Paragraphs are aligned by a longest common subsequence
// over their normalized text; between two aligned anchors, a removed and an added paragraph that
// still share most of their words are one "changed" paragraph (a corrected figure, a reworded lede).
import type { ChangeSummary } from '../shared/types.js';
import { normalizeText, paragraphs } from './text.js';

/** Word-set overlap above which a removed/added pair counts as one edited paragraph. */
const CHANGED_PARAGRAPH_SIMILARITY = 0.5;

export function summarizeChanges(
  prev: { title: string; bodyText: string },
  next: { title: string; bodyText: string },
): ChangeSummary {
  const a = paragraphs(prev.bodyText).map(normalizeText);
  const b = paragraphs(next.bodyText).map(normalizeText);
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const gap of unmatchedRuns(a, b)) {
    // Pair removed with added paragraphs in order while they stay similar.
    const pending = [...gap.added];
    for (const old of gap.removed) {
      const i = pending.findIndex((p) => similarity(old, p) >= CHANGED_PARAGRAPH_SIMILARITY);
      if (i >= 0) {
        pending.splice(0, i + 1);
        added += i;
        changed++;
      } else {
        removed++;
      }
    }
    added += pending.length;
  }
  return {
    headlineChanged: normalizeText(prev.title) !== normalizeText(next.title),
    paragraphsAdded: added,
    paragraphsRemoved: removed,
    paragraphsChanged: changed,
  };
}

interface Gap {
  removed: string[];
  added: string[];
}

/** Runs of paragraphs between LCS anchors: what `a` lost and `b` gained at each spot. */
function unmatchedRuns(a: string[], b: string[]): Gap[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const gaps: Gap[] = [];
  let gap: Gap = { removed: [], added: [] };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      gaps.push(gap);
      gap = { removed: [], added: [] };
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      gap.added.push(b[j++]);
    } else {
      gap.removed.push(a[i++]);
    }
  }
  gaps.push(gap);
  return gaps.filter((g) => g.removed.length > 0 || g.added.length > 0);
}

/** Shared distinct words over the smaller paragraph's. */
function similarity(x: string, y: string): number {
  const sx = new Set(x.split(' '));
  const sy = new Set(y.split(' '));
  let shared = 0;
  for (const w of sx) if (sy.has(w)) shared++;
  return shared / Math.max(1, Math.min(sx.size, sy.size));
}
