// Wire services withdraw stories ("kills") by republishing the item with a marker rather than
// deleting it. We recognise:
//   - a category or tag named kill, killed, withdrawn or withdrawal (any case);
//   - a title starting with KILL or WITHDRAWN (optionally after MANDATORY), in capitals as wires
//     write them: "Kill" in ordinary case starts plenty of real headlines;
//   - a title "ADVISORY: …" that says the story is withdrawn.

const KILL_CATEGORIES = new Set(['kill', 'killed', 'withdrawn', 'withdrawal']);
const KILL_TITLE = /^\s*(MANDATORY\s+)?(KILL|WITHDRAWN)\b/;
const ADVISORY_TITLE = /^\s*ADVISORY\s*:.*\bwithdrawn\b/i;

export function isWithdrawn(item: { title?: string; categories: readonly string[] }): boolean {
  if (item.categories.some((c) => KILL_CATEGORIES.has(c.trim().toLowerCase()))) return true;
  const title = item.title ?? '';
  return KILL_TITLE.test(title) || ADVISORY_TITLE.test(title);
}
