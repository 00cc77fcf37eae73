// Wire datelines open the first paragraph: "SEOUL, South Korea (AP) —", "LONDON (Reuters) -",
// "NEW YORK, March 5 (Reuters) -", "WASHINGTON —", "(CNN) —". They name where the story was
// filed and by whom, which is metadata, so they move into `dateline` and out of the body.
import type { Dateline } from '../shared/types.js';

const CAPS_WORD = String.raw`[A-Z][A-Z.'’-]+`;
const MIXED_WORD = String.raw`[A-Z][A-Za-z.'’-]*`;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const PLACE = String.raw`(${CAPS_WORD}(?:\s+${CAPS_WORD})*(?:,\s*(?!${MONTH}\s+\d)${MIXED_WORD}(?:\s+${MIXED_WORD})*)?)`;
const DATE = String.raw`(?:,?\s*${MONTH}\s+\d{1,2})?`;
const AGENCY = String.raw`\(([A-Za-z][A-Za-z .&/-]{0,38})\)`;
const DASH = String.raw`\s*(?:—|–|--|-)\s*`;

const WITH_PLACE = new RegExp(String.raw`^\s*${PLACE}${DATE}\s*(?:${AGENCY})?${DASH}`);
const AGENCY_ONLY = new RegExp(String.raw`^\s*${AGENCY}${DASH}`);
// Reuters' archive form, a line of its own: "LONDON 1996-08-30".
const PLACE_AND_DATE_LINE = new RegExp(String.raw`^\s*${PLACE}\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\s*$`);
// All-caps openers that are labels, not places.
const NOT_PLACES =
  /^(BREAKING|UPDATE|UPDATED|EXCLUSIVE|WATCH|LIVE|ANALYSIS|OPINION|EDITOR'?S NOTE|CORRECTION|FILE|NOTE)\b/;
const MAX_DATELINE_CHARS = 80;

export interface DatelineMatch {
  dateline: Dateline;
  /** Characters to cut from the start of the paragraph's text, leading whitespace included. */
  length: number;
}

export function matchDateline(paragraph: string): DatelineMatch | undefined {
  const placed = WITH_PLACE.exec(paragraph) ?? PLACE_AND_DATE_LINE.exec(paragraph);
  if (
    placed &&
    !NOT_PLACES.test(placed[1]) &&
    placed[1].replace(/[^A-Z]/g, '').length >= 2 &&
    !isHeadline(paragraph.slice(placed[0].length))
  ) {
    return build(placed[0], placed[1], placed[2]);
  }
  const agencyOnly = AGENCY_ONLY.exec(paragraph);
  if (agencyOnly) return build(agencyOnly[0], undefined, agencyOnly[1]);
  return undefined;
}

/** "SOCCER - JAPAN GET LUCKY WIN": a desk slug before an all-caps headline, not a place before a sentence. */
function isHeadline(rest: string): boolean {
  return /\p{Lu}/u.test(rest) && !/\p{Ll}/u.test(rest);
}

function build(matched: string, place: string | undefined, agency: string | undefined) {
  const text = matched.trim();
  // What follows a dateline is a sentence; a long match means we misread a heading.
  if (text.length > MAX_DATELINE_CHARS) return undefined;
  const dateline: Dateline = { text };
  if (place) dateline.place = place.trim();
  if (agency) dateline.agency = agency.trim();
  return { dateline, length: matched.length };
}

/** Removes the first `count` characters of an element's text, across its text nodes. */
export function cutLeadingText(element: Element, count: number): void {
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  let remaining = count;
  for (let node = walker.nextNode(); node && remaining > 0; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    const cut = Math.min(remaining, value.length);
    node.nodeValue = value.slice(cut);
    remaining -= cut;
  }
}
