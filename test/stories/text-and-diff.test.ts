import { describe, expect, it } from 'vitest';
import { summarizeChanges } from '../../src/stories/diff.js';
import { normalizeText, paragraphs, shingles, textHash } from '../../src/stories/text.js';

describe('normalizeText', () => {
  it('makes typography, case and spacing differences invisible', () => {
    const a = 'Kim’s train — “a symbol,” he said.  It crossed at 7 p.m.';
    const b = 'KIM\'S TRAIN -- "a symbol," he said. It crossed at 7 p.m.';
    expect(normalizeText(a)).toBe(normalizeText(b));
    expect(textHash(a)).toBe(textHash(b));
  });

  it('keeps figures whole, so 4,512.30 and 4,512.31 stay different', () => {
    expect(normalizeText('rose 4,512.30 points')).toBe('rose 4.512.30 points');
    expect(textHash('rose 4,512.30 points')).not.toBe(textHash('rose 4,512.31 points'));
  });

  it('splits paragraphs on blank lines and builds word shingles', () => {
    expect(paragraphs('One.\n\n\n  Two  lines\nstill two.\n\n')).toEqual(['One.', 'Two lines still two.']);
    expect(shingles(['a', 'b', 'c', 'd'], 3)).toEqual(['a b c', 'b c d']);
    expect(shingles(['a', 'b'], 3)).toEqual(['a b']);
  });
});

describe('summarizeChanges', () => {
  const lede = 'Flash floods killed at least 23 people in Kenya, the Interior Ministry said on Friday.';
  const second = 'More than 15,000 people have been displaced, the Kenya Red Cross said.';
  const third = 'Forecasters expect more rain through the weekend in the Lake Victoria basin.';
  const prev = { title: 'Kenya floods kill at least 23', bodyText: [lede, second, third].join('\n\n') };

  it('reports nothing for a refile with other typography', () => {
    const next = {
      title: 'KENYA FLOODS KILL AT LEAST 23',
      bodyText: [lede, second, third].join('\n\n').replace(/ /g, '  ').replace('Kenya,', 'Kenya —'),
    };
    expect(summarizeChanges(prev, next)).toEqual({
      headlineChanged: false,
      paragraphsAdded: 0,
      paragraphsRemoved: 0,
      paragraphsChanged: 0,
    });
  });

  it('counts a write-thru: new headline, reworded lede, an added and a dropped paragraph', () => {
    const next = {
      title: 'Kenya flood death toll rises to 31',
      bodyText: [
        'Flash floods killed at least 31 people in Kenya, the Interior Ministry said on Friday.',
        second,
        'Schools in flood-hit areas of Nairobi will stay closed on Monday.',
      ].join('\n\n'),
    };
    expect(summarizeChanges(prev, next)).toEqual({
      headlineChanged: true,
      paragraphsAdded: 1,
      paragraphsRemoved: 1,
      paragraphsChanged: 1,
    });
  });

  it('counts paragraphs appended to an alert as added', () => {
    const alert = { title: prev.title, bodyText: lede };
    expect(summarizeChanges(alert, prev)).toEqual({
      headlineChanged: false,
      paragraphsAdded: 2,
      paragraphsRemoved: 0,
      paragraphsChanged: 0,
    });
  });

  it('counts a copy cut from the bottom as removed paragraphs', () => {
    const trimmed = { title: prev.title, bodyText: lede };
    expect(summarizeChanges(prev, trimmed)).toMatchObject({
      paragraphsAdded: 0,
      paragraphsRemoved: 2,
      paragraphsChanged: 0,
    });
  });
});
