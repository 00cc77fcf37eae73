import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/language/detect.js';
import { enrich } from '../../src/enrich/index.js';

const GERMAN = `Die Bundesregierung hat am Mittwoch einen Gesetzentwurf zur Reform der Schuldenbremse
beschlossen. Finanzminister Christian Lindner sagte in Berlin, der Staat müsse mehr in Straßen,
Schulen und die Bundeswehr investieren, ohne die Haushaltsdisziplin aufzugeben.`;

// Agate as the sports desk files it: names, countries and scores, hardly a word of English.
const RESULTS = `Men's singles, second round:
Chen Gang (China) beat Martin Londgaard Hansen (Denmark) 15-12 15-6
Peter Bernard (Denmark) beat Hu Zhilan (China) 15-5 15-6
Poul-Erik Hoyer-Larsen (Denmark) beat Thomas Stuer-Lauridsen (Denmark) 15-10 15-9`;

describe('detectLanguage', () => {
  it('files a one-sentence English item as English, with its entities', () => {
    const text = 'Angela Merkel visited Berlin on Monday and met Emmanuel Macron.';
    expect(detectLanguage(text)).toBe('en');
    const names = enrich({ bodyText: text }).entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Angela Merkel', 'Berlin', 'Emmanuel Macron']));
  });

  it('files a results table as English when nothing is declared', () => {
    expect(detectLanguage(RESULTS)).toBe('en');
  });

  it('lets a declared language decide on short or unclear text', () => {
    expect(detectLanguage('Chen Gang (China) beat Martin Londgaard Hansen (Denmark) 15-12 15-6', 'en-GB')).toBe('en');
    expect(detectLanguage('Bayern München 2 Borussia Dortmund 1', 'de')).toBe('de');
  });

  it('overrules a declared language only when the text is long and clearly another', () => {
    expect(detectLanguage(GERMAN, 'en')).toBe('de');
    expect(detectLanguage(GERMAN.slice(0, 90), 'en')).toBe('en');
  });

  it('still tells German and French apart with nothing declared', () => {
    expect(detectLanguage(GERMAN)).toBe('de');
    expect(detectLanguage("Le président Emmanuel Macron a reçu jeudi à l'Élysée les dirigeants des partis.")).toBe(
      'fr',
    );
  });
});
