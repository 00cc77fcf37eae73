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

  it("leaves out bare verbs and adverbs by the wire's own usage, but keeps a word the story uses as a noun", () => {
    const text = `HALLE, Germany (Reuter) - Police said on Friday they expect to prevent any further
delay in the kidnap inquiry, and prosecutors calmly said they knew the suspect. Police said the
suspect knows the region. Prosecutors expect to prevent leaks, and the inquiry will move quickly.
The suspect knows the kidnap ring. The ban on visits stays. The ban was ordered by prosecutors,
who want the ban kept. Police said the kidnap ring was broken. Prosecutors expect a verdict.`;
    const keywords = extractKeywords(undefined, text);
    for (const junk of ['prevent', 'knows', 'expect', 'calmly', 'quickly', 'Reuter'])
      expect(keywords).not.toContain(junk);
    expect(keywords).toContain('ban');
    expect(keywords).toContain('kidnap ring');
  });

  it('leaves out a phrase that ends on a verb, and contractions such as "I\'m"', () => {
    const text = `"I'm happy," he said. "I'm tired." Members expressed concern. Members expressed doubt.
Fund managers expect bond yields to fall. Bond yields rose. Bond yields rose again.`;
    const keywords = extractKeywords(undefined, text).map((k) => k.toLowerCase());
    for (const junk of ["i'm", 'members expressed', 'yields rose', 'rose']) expect(keywords).not.toContain(junk);
    expect(keywords).toContain('bond yields');
  });

  it('reads 1980s wire copy without its sign-off or its money abbreviations', () => {
    const text = `Comdisco Inc said it sold 50 mln dlrs of notes due 1992, priced at par to yield 7.5 pct.
The notes are rated A-3. Proceeds will fund leasing operations. Comdisco said leasing operations
grew 12 pct. Net profit was 15 mln dlrs, or 40 cts a shr.
 Reuter`;
    const keywords = extractKeywords('COMDISCO SELLS NOTES', text).map((k) => k.toLowerCase());
    for (const junk of ['reuter', 'dlrs', 'cts', 'shr', 'grew']) expect(keywords).not.toContain(junk);
    expect(keywords).toContain('leasing operations');
  });
});
