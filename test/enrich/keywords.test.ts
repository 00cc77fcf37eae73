import { describe, expect, it } from 'vitest';
import { enrich, extractKeywords } from '../../src/enrich/index.js';

const STORY = `SEOUL, South Korea (AP) — North Korean leader Kim Jong Un crossed into Russia by armoured train
on Tuesday for a summit with Vladimir Putin, the AP learned. Kim Jong Un travelled with military
officials, and Russian officials said Kim Jong Un would visit a factory that builds fighter jets.
The armoured train crossed the border at Khasan, Reuters reported. Kim Jong Un and Putin are expected
to discuss artillery shells, and the armoured train will stop in Vladivostok, the AP said.`;

describe('keywords a desk would keep', () => {
  const keywords = enrich({ bodyText: STORY, language: 'en' }).keywords;

  it('leaves out agency names', () => {
    expect(keywords.map((k) => k.toLowerCase())).not.toEqual(expect.arrayContaining(['ap']));
    expect(keywords).not.toContain('Reuters');
  });

  it('leaves out past-tense verbs', () => {
    expect(keywords).not.toContain('crossed');
  });

  it('leaves out fragments of names already listed as entities', () => {
    expect(keywords).not.toContain('Jong Un');
    expect(keywords).not.toContain('Jong');
  });

  it('keeps the phrases that say what the story is about', () => {
    expect(keywords).toContain('armoured train');
  });

  it('leaves out contractions, adverbs, month ranges and phrases that cut or run on a name', () => {
    const text =
      'Kevorkian attended. Kevorkian attended. President Saddam spoke. President Saddam spoke. ' +
      "Saddam Hussein didn't. Saddam Hussein didn't. Exports rose particularly in Jan-April. " +
      'Exports rose particularly in Jan-April. Oil exports rose.';
    const keywords = extractKeywords(undefined, text, {
      entityNames: ['Jack Kevorkian', 'Kevorkian', 'Saddam Hussein', 'Saddam'],
    });
    for (const junk of ['Kevorkian attended', 'President Saddam', "didn't", 'particularly', 'Jan-April'])
      expect(keywords).not.toContain(junk);
    expect(keywords).toContain('Saddam Hussein');
  });

  it('drops a fragment only when told the entity names', () => {
    expect(
      extractKeywords(undefined, 'Jong Un. Jong Un. Jong Un met Jong Un.', { entityNames: ['Kim Jong Un'] }),
    ).not.toContain('Jong Un');
    expect(extractKeywords(undefined, 'Jong Un. Jong Un. Jong Un met Jong Un.')).toContain('Jong Un');
  });
});
