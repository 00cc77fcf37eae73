// Word-level helpers shared by the span rules: words with offsets, capitals, abbreviations.
import { lookupCountry, normalizeApostrophes } from './gazetteer.js';
import { knownOrganization } from './known.js';
import { ORG_HEADS } from './lexicon.js';

const WORD = /[\p{Lu}\p{Ll}\p{N}][\p{L}\p{M}\p{N}.&'’-]*/gu;
export const ACRONYM = /^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,4})$/u;
/** Periods that belong to the word: U.S., U.N., Inc., Jr. */
export const ABBREVIATION = /(?:^|[\s-])(?:\p{L}\.){2,}$|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Plc)\.$/u;

export interface Word {
  text: string;
  start: number;
  end: number;
}

export function wordsOf(text: string, offset = 0): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({
    text: m[0],
    start: offset + m.index,
    end: offset + m.index + m[0].length,
  }));
}

export const isCapitalised = (w: string): boolean => /^[\p{Lu}\p{N}]/u.test(w);
export const bare = (w: string): string =>
  normalizeApostrophes(w)
    .replace(/['’]s$/u, '')
    .replace(/\.$/, '')
    .toLowerCase();
export const isOrgHead = (w: string): boolean => ORG_HEADS.has(w.toLowerCase()) || ORG_HEADS.has(bare(w));

/** True when the words read as a place or a known organization, e.g. "South Korea", "White House". */
export function isKnownName(text: string): boolean {
  return lookupCountry(text) !== undefined || knownOrganization(text) !== undefined;
}
