import { describe, expect, it } from 'vitest';
import { extractFromFeedContent } from '../../src/extract/index.js';

// Wire copy as it comes: a desk slug on the headline, an archive dateline line, lines broken at a
// fixed width, a results line without an end mark and a trailing credit line.
const WIRE = [
  'CRICKET - ASHES ITINERARY ANNOUNCED .',
  'LONDON 1996-08-30',
  'Australia will defend the Ashes in',
  'a six-test series against England during a four-month tour',
  'starting on May 13 next year, the board said on Friday.',
  'Chen Gang (China) beat Martin Londgaard Hansen (Denmark) 15-12 15-6',
  'Reporting by Jane Roe',
].join('\n');

function extract(text: string) {
  const result = extractFromFeedContent({ contentText: text }, 'urn:lede:item:1');
  if (result.status !== 'ok') throw new Error(result.reason);
  return result.article;
}

describe('plain text', () => {
  it('keeps every line, the desk slug and the hard wraps as given', () => {
    expect(extract(WIRE).bodyText).toBe(WIRE);
  });

  it('recognises the dateline without cutting it from the body', () => {
    const article = extract(WIRE);
    expect(article.dateline).toEqual({ text: 'LONDON 1996-08-30', place: 'LONDON' });
    expect(article.bodyText).toContain('LONDON 1996-08-30');
  });

  it('takes "SEOUL (AP) —" as a dateline but not a desk slug before an all-caps headline', () => {
    expect(extract('SEOUL (AP) — North Korea fired a missile.').dateline).toMatchObject({
      place: 'SEOUL',
      agency: 'AP',
    });
    expect(extract('SOCCER - JAPAN GET LUCKY WIN.\nJapan beat Syria 2-1.').dateline).toBeUndefined();
  });

  it('reports a trailing credit line and leaves it in the body', () => {
    const article = extract(WIRE);
    expect(article.credits).toEqual(['Reporting by Jane Roe']);
    expect(article.bodyText.endsWith('Reporting by Jane Roe')).toBe(true);
  });

  it('keeps leading blank space, so offsets into bodyText are offsets into the input', () => {
    const text = '\n\n  LONDON (Reuters) - Shares rose.\n';
    expect(extract(text).bodyText).toBe(text.trimEnd());
  });

  it('escapes the text into HTML, one paragraph per blank-line block', () => {
    expect(extract('a < b & c\nd\n\ne').bodyHtml).toBe('<p>a &lt; b &amp; c<br>d</p>\n<p>e</p>');
  });
});
