// Places in context: the dateline, the regions and countries a story names and cue words decide
// among same-named places; countries, first-level regions and major cities carry Wikidata ids.
import { describe, expect, it } from 'vitest';
import { extractEntities, type EntityInput } from '../../src/enrich/entities/index.js';
import type { NerSpan } from '../../src/enrich/ner/index.js';
import type { Entity } from '../../src/shared/types.js';

/** Tag every occurrence of `places` as LOC, so the test is about resolution, not the tagger. */
function withPlaces(input: EntityInput, places: string[]): Entity[] {
  const recognize = (text: string): NerSpan[] =>
    places.flatMap((p) =>
      [...text.matchAll(new RegExp(`(?<!\\p{L})${p}(?!\\p{L})`, 'gu'))].map((m) => ({
        type: 'LOC' as const,
        start: m.index,
        end: m.index + p.length,
        text: p,
      })),
    );
  return extractEntities(input, { recognize });
}
const named = (entities: Entity[], name: string) => entities.find((e) => e.name === name);

describe('places in context', () => {
  it('takes "Washington state" for the state, not the capital', () => {
    const entities = withPlaces({ bodyText: 'Wildfires burned in Colorado and Washington state on Monday.' }, [
      'Colorado',
      'Washington',
    ]);
    expect(named(entities, 'Washington State')).toMatchObject({ countryCode: 'US', wikidataId: 'Q1223' });
    expect(named(entities, 'Washington State')!.lat).toBeCloseTo(47.0, 0); // Olympia
    expect(named(entities, 'Colorado')).toMatchObject({ wikidataId: 'Q1261' });
    expect(entities.some((e) => e.wikidataId === 'Q61')).toBe(false);
  });

  it('keeps bare "Washington" the capital', () => {
    const entities = withPlaces({ bodyText: 'Officials in Washington said talks would resume.' }, ['Washington']);
    expect(named(entities, 'Washington')).toMatchObject({ countryCode: 'US', wikidataId: 'Q61' });
  });

  it('places Valparaiso and Cartagena in Chile in a story datelined in Chile', () => {
    const entities = withPlaces(
      {
        bodyText: 'Fires spread from Valparaiso toward Cartagena overnight, officials said.',
        dateline: { text: 'SANTIAGO, Chile (AP) —', place: 'Santiago, Chile' },
      },
      ['Valparaiso', 'Cartagena'],
    );
    expect(named(entities, 'Valparaíso')).toMatchObject({ countryCode: 'CL', wikidataId: 'Q33986' });
    expect(named(entities, 'Valparaíso')!.lat).toBeCloseTo(-33.0, 0);
    expect(named(entities, 'Cartagena')).toMatchObject({ countryCode: 'CL' });
    // the id of Cartagena, Colombia is withheld from its Chilean namesake
    expect(named(entities, 'Cartagena')!.wikidataId).toBeUndefined();
  });

  it('keeps Cartagena in Colombia without such a dateline', () => {
    const entities = withPlaces({ bodyText: 'The ship docked at Cartagena.' }, ['Cartagena']);
    expect(named(entities, 'Cartagena')).toMatchObject({ countryCode: 'CO', wikidataId: 'Q4022' });
  });

  it('takes York for the Nebraska town in a story about Nebraska, by its text or its dateline', () => {
    const byText = withPlaces({ bodyText: 'Storms hit Nebraska. In York, roofs were torn off.' }, ['Nebraska', 'York']);
    expect(named(byText, 'York')).toMatchObject({ countryCode: 'US' });
    expect(named(byText, 'York')!.lon).toBeCloseTo(-97.6, 0);
    const byDateline = withPlaces(
      { bodyText: 'In York, roofs were torn off.', dateline: { text: 'LINCOLN, Neb. (AP) —', place: 'Lincoln, Neb.' } },
      ['York'],
    );
    expect(named(byDateline, 'York')!.lon).toBeCloseTo(-97.6, 0);
    const alone = withPlaces({ bodyText: 'In York, roofs were torn off.' }, ['York']);
    expect(named(alone, 'York')).toMatchObject({ countryCode: 'GB' });
  });

  it('reads a region from a dateline only when the dateline names one', () => {
    const hub = withPlaces(
      {
        bodyText: 'The Rotterdam firm licensed the design.',
        dateline: { text: 'NEW YORK, March 2 -', place: 'NEW YORK' },
      },
      ['Rotterdam'],
    );
    expect(named(hub, 'Rotterdam')).toMatchObject({ countryCode: 'NL' });
    const upstate = withPlaces(
      {
        bodyText: 'The Rotterdam firm licensed the design.',
        dateline: { text: 'ALBANY, N.Y. (AP) —', place: 'Albany, N.Y.' },
      },
      ['Rotterdam'],
    );
    expect(named(upstate, 'Rotterdam')).toMatchObject({ countryCode: 'US' });
  });

  it('locates a U.S. state at its own capital: Illinois at Springfield, Illinois', () => {
    const entities = withPlaces({ bodyText: 'Farmers in Illinois waited for rain.' }, ['Illinois']);
    const illinois = named(entities, 'Illinois')!;
    expect(illinois).toMatchObject({ countryCode: 'US', wikidataId: 'Q1204' });
    expect(illinois.lat).toBeCloseTo(39.8, 0);
    expect(illinois.lon).toBeCloseTo(-89.6, 0);
  });

  it('does not let a dateline pull a world capital to a small namesake', () => {
    const entities = withPlaces(
      {
        bodyText: 'The envoy flew to Moscow and Paris.',
        dateline: { text: 'BOISE, Idaho (AP) —', place: 'Boise, Idaho' },
      },
      ['Moscow', 'Paris'],
    );
    expect(named(entities, 'Moscow')).toMatchObject({ countryCode: 'RU', wikidataId: 'Q649' });
    expect(named(entities, 'Paris')).toMatchObject({ countryCode: 'FR', wikidataId: 'Q90' });
  });

  it('knows first-level regions beyond the U.S., with cue words', () => {
    const entities = withPlaces(
      { bodyText: 'Floods hit Sichuan province and Ontario, and Scotland braced for storms.' },
      ['Sichuan', 'Ontario', 'Scotland'],
    );
    expect(named(entities, 'Sichuan')).toMatchObject({ countryCode: 'CN', wikidataId: 'Q19770' });
    expect(named(entities, 'Ontario')).toMatchObject({ countryCode: 'CA', wikidataId: 'Q1904' });
    expect(named(entities, 'Scotland')).toMatchObject({ countryCode: 'GB', wikidataId: 'Q22' });
  });

  it('gives every sovereign country it names a Wikidata id', () => {
    const entities = withPlaces({ bodyText: 'Leaders of Tuvalu, Vanuatu and Grenada met.' }, [
      'Tuvalu',
      'Vanuatu',
      'Grenada',
    ]);
    expect(entities.map((e) => e.wikidataId).sort()).toEqual(['Q672', 'Q686', 'Q769'].sort());
  });
});
