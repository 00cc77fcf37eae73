import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage, enrich, extractKeywords } from '../../src/enrich/index.js';

const seed = readFileSync(new URL('../../fixtures/seed-wire-story.txt', import.meta.url), 'utf8');
const seedTitle = 'Kim Jong Un arrives in Russia for expected meeting with Putin';

const GERMAN = `Die Bundesregierung hat am Mittwoch einen Gesetzentwurf zur Reform der Schuldenbremse
beschlossen. Finanzminister Christian Lindner sagte in Berlin, der Staat müsse mehr in Straßen,
Schulen und die Bundeswehr investieren, ohne die Haushaltsdisziplin aufzugeben. Die Opposition
kritisierte den Plan als Trick, mit dem die Koalition neue Schulden verstecke. Der Bundestag soll
noch vor der Sommerpause über das Gesetz abstimmen; nötig ist eine Zweidrittelmehrheit.`;

const FRENCH = `Le président Emmanuel Macron a reçu jeudi à l'Élysée les dirigeants des principaux partis
pour tenter de sortir de la crise politique. Selon plusieurs participants, le chef de l'État a
proposé la formation d'un gouvernement d'union nationale, une idée rejetée par la gauche et par le
Rassemblement national. Les discussions doivent reprendre la semaine prochaine à Paris, alors que
le budget de l'an prochain doit être présenté au Parlement avant la fin du mois.`;

describe('enrich', () => {
  it('tags an English wire story with its language, people, topics and keywords', () => {
    const result = enrich({ title: seedTitle, bodyText: seed, language: 'en' });
    expect(result.language).toBe('en');
    expect(result.entities.some((e) => e.type === 'person' && /Putin/.test(e.name))).toBe(true);
    expect(result.topics.map((t) => t.code)).toContain('medtop:11000000');
    expect(result.keywords.length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['German', GERMAN, 'de'],
    ['French', FRENCH, 'fr'],
  ])("records a %s story's language and tags nothing in it with English rules", (_name, text, code) => {
    const result = enrich({ title: undefined, bodyText: text });
    expect(result.language).toBe(code);
    expect(result.entities).toEqual([]);
    expect(result.topics).toEqual([]);
    expect(result.keywords).toEqual([]);
  });

  it('does not trust an English page declaration over a clearly German text', () => {
    expect(enrich({ bodyText: GERMAN, language: 'en-US' }).language).toBe('de');
  });
});

describe('detectLanguage', () => {
  it("trusts the page's declared language when the text is too short to tell", () => {
    expect(detectLanguage('Breaking: Merkel spricht', 'de-DE')).toBe('de');
    expect(detectLanguage('Live updates', 'en_GB')).toBe('en');
  });

  it('answers "und" for a short text with no declaration', () => {
    expect(detectLanguage('Live updates')).toBe('und');
  });

  it('guesses from a sentence or two when the page declares nothing', () => {
    expect(detectLanguage('Police arrest man after stabbing in the city centre on Sunday')).toBe('en');
    expect(detectLanguage('Die Bundesregierung plant neue Steuern für große Unternehmen')).toBe('de');
  });

  it('returns two-letter codes', () => {
    expect(detectLanguage(seed)).toBe('en');
    expect(detectLanguage(FRENCH)).toBe('fr');
  });
});

describe('extractKeywords', () => {
  it("ranks the story's distinctive names and terms above everyday news words", () => {
    const keywords = extractKeywords(seedTitle, seed).map((k) => k.toLowerCase());
    expect(keywords).toContain('putin');
    expect(keywords.some((k) => k.includes('jong un'))).toBe(true);
    for (const common of ['said', 'would', 'tuesday', 'officials']) expect(keywords).not.toContain(common);
  });

  it('prefers a recurring phrase to its separate words', () => {
    const text = `The central bank raised interest rates again. Interest rates are now at a 15-year high,
and the central bank said interest rates could rise further if inflation persists.`;
    const keywords = extractKeywords('Central bank raises interest rates', text);
    expect(keywords).toContain('interest rates');
    expect(keywords).not.toContain('interest');
  });

  it('returns at most the requested number of keywords', () => {
    expect(extractKeywords(seedTitle, seed, { limit: 3 })).toHaveLength(3);
  });
});
