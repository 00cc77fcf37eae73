// The standfirst: the one- or two-sentence summary under the headline. Publishers put it in the
// article's header, which Readability leaves out (or which carries a "standfirst"/"dek" class the
// cleanup drops), yet it is the editors' own text and part of the story. It is found the way a
// reader would recognise it: the page's description meta tag repeated word for word in a visible
// block of the page, outside links, menus and asides.

const DESCRIPTION_KEYS = ['og:description', 'description', 'twitter:description'];
const MIN_WORDS = 8;
const MAX_WORDS = 90;
const OUTSIDE = 'a, nav, footer, aside, form, [hidden], [aria-hidden="true"], noscript, template, script, head';
const CANDIDATES = 'p, h2, h3, h4, div, span, strong, b, section';

/** The visible block that repeats the page's description, if one does. Call before Readability. */
export function findStandfirst(document: Document, meta: Map<string, string>): string | undefined {
  const descriptions = DESCRIPTION_KEYS.map((k) => meta.get(k))
    .filter((d): d is string => !!d)
    .map((d) => letters(d));
  if (!document.body || !descriptions.length) return undefined;
  for (const el of document.body.querySelectorAll(CANDIDATES)) {
    const text = normalized(el);
    const words = text.split(' ').length;
    if (words < MIN_WORDS || words > MAX_WORDS) continue;
    const key = letters(text);
    if (!descriptions.includes(key) || el.closest(OUTSIDE)) continue;
    // The innermost block holding the text, so a wrapper does not stand in for it.
    if ([...el.children].some((c) => letters(normalized(c)) === key)) continue;
    return text;
  }
  return undefined;
}

/**
 * Whether the body already holds the standfirst, whole or with a word or two lost to the cleanup
 * (a linked name): its opening, or four in five of its word pairs.
 */
export function holdsStandfirst(body: string, standfirst: string): boolean {
  const key = letters(standfirst);
  if (letters(body).includes(key.slice(0, 40))) return true;
  // Chinese and Japanese have no spaces: their runs of letters are not words.
  const pairs = wordPairs(standfirst);
  const inBody = new Set(wordPairs(body));
  return pairs.length >= 4 && pairs.filter((p) => inBody.has(p)).length >= pairs.length * 0.8;
}

function wordPairs(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(1).map((w, i) => `${words[i]} ${w}`);
}

function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function normalized(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}
