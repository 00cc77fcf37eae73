// Behaviour of extractEntities on short stories written for these tests (business, sport,
// politics). Most run the shipped NER model; the canonicalisation rules are also pinned with
// hand-made spans so a retrained model cannot hide a regression in them.
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/enrich/entities/index.js';
import type { NerSpan } from '../../src/enrich/ner/index.js';
import type { Entity } from '../../src/shared/types.js';

const business = {
  title: 'Apple profit beats forecasts as iPhone sales rise',
  bodyText:
    'CUPERTINO, Calif. (AP) — Apple Inc. reported record quarterly revenue on Thursday, and Chief Executive Tim Cook said demand in China had recovered.\n\n' +
    'Cook told analysts that the company would keep investing in artificial intelligence. Shares of Microsoft Corp. and Nvidia also rose in New York, while Samsung fell in Seoul.\n\n' +
    '“We are very pleased,” Cook said. Analysts at Goldman Sachs said Apple’s services business grew 14%.',
};
const sport = {
  title: 'Serena Williams beats sister Venus in Melbourne',
  bodyText:
    'MELBOURNE, Australia (AP) — Serena Williams beat her sister Venus Williams 6-3, 6-4 at the Australian Open on Saturday.\n\n' +
    'Williams said afterwards that playing family was never easy. Coach Patrick Mouratoglou watched from the stands as Novak Djokovic waited to play.\n\n' +
    'The Women’s Tennis Association (WTA) said the WTA would review the schedule.',
};
const politics = {
  bodyText:
    'North Korean leader Kim Jong Un watched a missile launch with his sister Kim Yo Jong on Friday, state media said.\n\n' +
    'Kim Jong Un said the test showed the country’s strength. Kim Yo Jong later issued a statement criticizing Seoul. Kim Jong Un also met Defense Minister Kang Sun Nam.\n\n' +
    'Kim said the weapons would be mass produced. U.S. officials told the U.N. that Washington would seek new sanctions on North Korea.',
};

const named = (entities: Entity[], name: string) => entities.find((e) => e.name === name);
const names = (entities: Entity[]) => entities.map((e) => e.name);

/** A recogniser that returns the given spans, located by their text (nth occurrence when repeated). */
function fixedSpans(text: string, spans: Array<[NerSpan['type'], string]>) {
  const seen = new Map<string, number>();
  const located = spans.map(([type, s]): NerSpan => {
    const from = seen.get(s) ?? 0;
    const match = new RegExp(`(?<!\\p{L})${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'gu');
    match.lastIndex = from;
    const start = match.exec(text)?.index ?? -1;
    if (start < 0) throw new Error(`span not in text: ${s}`);
    seen.set(s, start + s.length);
    return { type, start, end: start + s.length, text: s };
  });
  return () => located;
}

describe('extractEntities', () => {
  describe('on a business story', () => {
    const entities = extractEntities(business);

    it('gives every mention the exact text at its offsets in the body', () => {
      const all = entities.flatMap((e) => e.mentions);
      expect(all.length).toBeGreaterThan(8);
      for (const m of all) expect(business.bodyText.slice(m.start, m.end)).toBe(m.text);
    });

    it('resolves a later surname to the full name and drops the title before it', () => {
      const cook = named(entities, 'Tim Cook')!;
      expect(cook.type).toBe('person');
      expect(cook.count).toBe(3);
      expect(cook.mentions.map((m) => m.text)).toEqual(['Tim Cook', 'Cook', 'Cook']);
      expect(names(entities)).not.toContain('Cook');
    });

    it('files companies under their curated canonical names with Wikidata ids', () => {
      expect(named(entities, 'Apple')).toMatchObject({ type: 'organization', wikidataId: 'Q312', count: 2 });
      expect(named(entities, 'Microsoft')).toMatchObject({ wikidataId: 'Q2283' });
      expect(names(entities)).not.toContain('Shares of Microsoft Corp.');
    });

    it('reads a dateline state abbreviation as the state', () => {
      expect(named(entities, 'California')).toMatchObject({ type: 'location', countryCode: 'US' });
    });

    it('ranks the company in the headline and lede above names mentioned once in passing', () => {
      const rank = (n: string) => names(entities).indexOf(n);
      expect(rank('Apple')).toBeLessThan(rank('Goldman Sachs'));
      expect(named(entities, 'Apple')!.salience).toBeGreaterThan(named(entities, 'Nvidia')!.salience);
    });
  });

  describe('on a sports story', () => {
    const entities = extractEntities(sport);

    it('keeps two people who share a surname apart and does not guess a bare surname between them', () => {
      expect(named(entities, 'Serena Williams')?.count).toBe(1);
      expect(named(entities, 'Venus Williams')?.count).toBe(1);
      expect(names(entities)).not.toContain('Williams');
    });

    it('expands an acronym the text defines', () => {
      const wta = named(entities, "Women's Tennis Association")!;
      expect(wta.type).toBe('organization');
      expect(wta.mentions.map((m) => m.text)).toEqual(['Women’s Tennis Association', 'WTA', 'WTA']);
    });

    it('places a city using its country', () => {
      const melbourne = named(entities, 'Melbourne')!;
      expect(melbourne.countryCode).toBe('AU');
      expect(melbourne.lat).toBeCloseTo(-37.8, 0);
    });
  });

  describe('on a politics story', () => {
    const entities = extractEntities(politics);

    it('gives a bare Korean family name to the person named in full most often', () => {
      expect(named(entities, 'Kim Jong Un')).toMatchObject({ wikidataId: 'Q56226', count: 4 });
      expect(named(entities, 'Kim Yo Jong')?.count).toBe(2);
      expect(named(entities, 'Kang Sun Nam')?.type).toBe('person');
    });

    it('resolves country aliases and demonyms, with ISO code, Wikidata id and coordinates', () => {
      const nk = named(entities, 'North Korea')!;
      expect(nk.mentions.map((m) => m.text)).toEqual(['North Korean', 'North Korea']);
      expect(nk).toMatchObject({ type: 'location', countryCode: 'KP', wikidataId: 'Q423' });
      expect(nk.lat).toBeCloseTo(39.0, 0);
      expect(named(entities, 'United States')).toMatchObject({ countryCode: 'US', wikidataId: 'Q30' });
      expect(named(entities, 'United Nations')).toMatchObject({ type: 'organization', wikidataId: 'Q1065' });
      expect(named(entities, 'Washington')).toMatchObject({ countryCode: 'US', wikidataId: 'Q61' });
    });
  });

  describe('with hand-made model spans', () => {
    const bodyText =
      'President Vladimir Putin received Navy Admiral Kim Myong Sik at the Kremlin’s guest house. ' +
      'Putin’s aide said the South would protest. Russian officials cited COVID-19 rules.';
    const handMade = fixedSpans(bodyText, [
      ['PER', 'President Vladimir Putin'],
      ['ORG', 'Navy Admiral Kim Myong'],
      ['LOC', 'Kremlin’s'],
      ['LOC', 'Putin’s'],
      ['ORG', 'South'],
      ['MISC', 'Russian'],
      ['MISC', 'COVID-19'],
    ]);
    const entities = extractEntities({ bodyText }, { recognize: handMade });

    it('strips titles, ranks and possessives and completes a name the model cut short', () => {
      expect(names(entities).sort()).toEqual(['Kim Myong Sik', 'Kremlin', 'Vladimir Putin']);
      expect(named(entities, 'Vladimir Putin')!.mentions.map((m) => m.text)).toEqual(['Vladimir Putin', 'Putin']);
      expect(named(entities, 'Kim Myong Sik')!.type).toBe('person');
    });

    it('drops miscellaneous spans, bare directions and demonyms of countries the text never names', () => {
      expect(names(entities)).not.toContain('Russia');
      expect(names(entities)).not.toContain('South');
      expect(names(entities)).not.toContain('COVID-19');
    });

    it('counts a demonym toward its country once the country is named', () => {
      const text = `${bodyText} Russia denied it.`;
      const withCountry = extractEntities(
        { bodyText: text },
        {
          recognize: fixedSpans(text, [
            ['MISC', 'Russian'],
            ['LOC', 'Russia'],
          ]),
        },
      );
      expect(named(withCountry, 'Russia')!.mentions.map((m) => m.text)).toEqual(['Russian', 'Russia']);
      // a consumer listing names can tell the nationality word from the name
      expect(named(withCountry, 'Russia')!.mentions.map((m) => m.demonym ?? false)).toEqual([true, false]);
    });
  });

  describe('keeps what the tagger read', () => {
    const bodyText =
      'Magna was up 1/8 on the New York Stock Exchange. Police named Rami al-Saadani as the suspect. ' +
      'Bestop Inc of Boulder said Stratton Sclavos, chairman of VeriSign, would join. ' +
      "Clinton's Republican rival Bob Dole agreed. The Liberal Democratic party Vladimir Zhirinovsky leads objected. " +
      'Douglas & Lomason rose. Paul Jordan said he would stay. The ferry left for Prince Rupert.';
    const entities = extractEntities(
      { bodyText },
      {
        recognize: fixedSpans(bodyText, [
          ['ORG', 'Magna'],
          ['ORG', 'New York Stock Exchange'],
          ['PER', 'Rami al-Saadani'],
          ['ORG', 'Bestop Inc'],
          ['LOC', 'Boulder'],
          ['PER', 'Stratton Sclavos'],
          ['ORG', 'VeriSign'],
          ['PER', 'Clinton'],
          ['MISC', 'Republican'],
          ['PER', 'Bob Dole'],
          ['ORG', 'Liberal Democratic'],
          ['PER', 'Vladimir Zhirinovsky'],
          ['ORG', 'Douglas & Lomason'],
          ['PER', 'Paul Jordan'],
          ['LOC', 'Prince Rupert'],
        ]),
      },
    );
    const typeOf = (text: string) => entities.find((e) => e.mentions.some((m) => m.text === text))?.type;

    it('does not cut a name a sentence-ending full stop follows, nor a surname led by al-', () => {
      expect(typeOf('New York Stock Exchange')).toBe('organization');
      expect(typeOf('Rami al-Saadani')).toBe('person');
    });

    it('ends a company at its suffix and keeps the town it is in apart', () => {
      expect(typeOf('Bestop Inc')).toBe('organization');
      expect(typeOf('Boulder')).toBe('location');
    });

    it('keeps the type the tagger read where a cue word is no evidence against it', () => {
      // a title's "of" leads to what the person heads; a rival may be a person; a given name wins
      expect(typeOf('VeriSign')).toBe('organization');
      expect(typeOf('Bob Dole')).toBe('person');
      expect(typeOf('Vladimir Zhirinovsky')).toBe('person');
      // two names joined by "&" are a firm, not a person called Douglas
      expect(typeOf('Douglas & Lomason')).toBe('organization');
    });

    it('reads a surname as the person named in full, not as the country or state it spells', () => {
      const text = 'Director Neil Jordan won in Venice. Jordan said Naoto Kan had called. Kan declined to comment.';
      const found = extractEntities(
        { bodyText: text },
        {
          recognize: fixedSpans(text, [
            ['PER', 'Neil Jordan'],
            ['LOC', 'Venice'],
            ['PER', 'Jordan'],
            ['PER', 'Naoto Kan'],
            ['PER', 'Kan'],
          ]),
        },
      );
      expect(named(found, 'Neil Jordan')!.mentions.map((m) => m.text)).toEqual(['Neil Jordan', 'Jordan']);
      expect(named(found, 'Naoto Kan')!.mentions.map((m) => m.text)).toEqual(['Naoto Kan', 'Kan']);
      expect(found.filter((e) => e.type === 'location').map((e) => e.name)).toEqual(['Venice']);
    });

    it('keeps the title word of a place the tagger read whole', () => {
      expect(typeOf('Prince Rupert')).toBe('location');
      expect(names(entities)).not.toContain('Rupert');
    });

    it('keeps a given name opening a sentence with the surname it belongs to', () => {
      expect(typeOf('Paul Jordan')).toBe('person');
      expect(names(entities)).not.toContain('Jordan');
    });

    it('keeps the first word of an organization named for its country at the start of a sentence', () => {
      const text = 'Flights resumed. Air France said it would add routes.';
      const found = extractEntities({ bodyText: text }, { recognize: fixedSpans(text, [['ORG', 'Air France']]) });
      expect(found.map((e) => [e.type, e.name])).toEqual([['organization', 'Air France']]);
    });
  });

  it('counts names in a dateline and credits outside the body, without body offsets', () => {
    const entities = extractEntities({
      bodyText:
        'Officials from the Federal Emergency Management Agency (FEMA) arrived after the storm. FEMA said aid would follow.',
      dateline: { text: 'MIAMI (AP) —', place: 'Miami', agency: 'AP' },
      credits: ['Reporting by Jane Smith in Manchester; editing by Tom Hayes'],
    });
    expect(named(entities, 'Federal Emergency Management Agency')?.count).toBe(3);
    expect(named(entities, 'Miami')).toMatchObject({ count: 1, mentions: [], countryCode: 'US' });
    expect(named(entities, 'Associated Press')).toMatchObject({ count: 1, mentions: [], wikidataId: 'Q40469' });
    expect(named(entities, 'Jane Smith')).toMatchObject({ type: 'person', count: 1 });
    expect(named(entities, 'Manchester')).toMatchObject({ countryCode: 'GB' });
  });

  it('places a city in the state or country written after it, and withholds the id of its namesake', () => {
    const texas = extractEntities({ bodyText: 'PARIS, Texas (AP) — The mayor said Monday the town would rebuild.' });
    expect(named(texas, 'Paris')).toMatchObject({ countryCode: 'US' });
    expect(named(texas, 'Paris')!.wikidataId).toBeUndefined();
    expect(named(texas, 'Texas')).toMatchObject({ type: 'location', countryCode: 'US' });
    const france = extractEntities({ bodyText: 'Protesters marched in Paris on Saturday.' });
    expect(named(france, 'Paris')).toMatchObject({ countryCode: 'FR', wikidataId: 'Q90' });
  });

  it('raises the salience of an entity the headline names', () => {
    const plain = extractEntities({ bodyText: business.bodyText });
    const headlined = extractEntities(business);
    expect(named(headlined, 'Apple')!.salience).toBeGreaterThan(named(plain, 'Apple')!.salience);
    expect(named(headlined, 'Goldman Sachs')!.salience).toBe(named(plain, 'Goldman Sachs')!.salience);
  });

  it('returns the same entities in the same order on every run, by salience then name', () => {
    const first = extractEntities(politics);
    expect(extractEntities(politics)).toEqual(first);
    for (let i = 1; i < first.length; i++) {
      const [a, b] = [first[i - 1], first[i]];
      expect(a.salience > b.salience || (a.salience === b.salience && a.name.localeCompare(b.name) <= 0)).toBe(true);
      expect(b.salience).toBeGreaterThanOrEqual(0);
      expect(a.salience).toBeLessThanOrEqual(1);
    }
  });
});
