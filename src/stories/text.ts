// Text normalization shared by fingerprints, matching and diffs. Two copies of one story differ
// in typography (curly vs straight quotes, em vs en dashes, non-breaking spaces) and case far
// more often than in words; normalizing first makes those differences invisible.
import { createHash } from 'node:crypto';

// Story matching normalizes the same headlines and ledes over and over (a stored article is a
// candidate for many later ones, and one candidate is compared with fifty neighbours): short
// texts are remembered, least recently used first out.
const MEMO_MAX_CHARS = 4_096;
const MEMO_ENTRIES = 4_096;
const memo = new Map<string, string>();

/** Lowercase, unify quotes and dashes, drop punctuation (keeping figures like 4,512.30 intact), collapse whitespace. */
export function normalizeText(text: string): string {
  if (text.length > MEMO_MAX_CHARS) return normalize(text);
  let out = memo.get(text);
  if (out === undefined) {
    out = normalize(text);
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  } else memo.delete(text);
  memo.set(text, out);
  return out;
}

function normalize(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033«»]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      // Thousands separators and decimal points belong to the figure: "4,512.30" stays one token.
      .replace(/(\d)[,.](?=\d)/g, (_m, d: string) => `${d}\u0000`)
      .replace(/'s\b/g, 's')
      .replace(/[^\p{L}\p{N}\u0000%$€£¥]+/gu, ' ')
      .replace(/\u0000/g, '.')
      .trim()
  );
}

/** Normalized words. */
export function words(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** sha256 (hex) of the normalized text: equal hashes mean the same copy, whatever the typography. */
export function textHash(text: string): string {
  return createHash('sha256').update(normalizeText(text)).digest('hex');
}

/** Paragraphs of a bodyText (a blank line between paragraphs), trimmed, empty ones dropped. */
export function paragraphs(bodyText: string): string[] {
  return bodyText
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/** Overlapping word n-grams; a text shorter than n yields one shingle of all its words. */
export function shingles(tokens: string[], n: number): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length <= n) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Figures (tokens with a digit) in reading order: template stories differ mostly here. */
export function figures(tokens: string[]): string[] {
  return tokens.filter((t) => /\d/.test(t));
}

/** Dotted abbreviations joined: "U.K." → "UK", so a headline's words match however it spells them. */
export const joinAbbreviations = (text: string) => text.replace(/\b([A-Za-z])\.([A-Za-z])\.?/g, '$1$2');
