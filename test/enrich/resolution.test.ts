// Resolution adds to what the tagger found and never takes away: whole names stay whole, teams
// named after their city stay teams, a section label is nobody.
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/enrich/entities/index.js';
import type { Entity } from '../../src/shared/types.js';

const names = (entities: Entity[]) => entities.map((e) => `${e.type}:${e.name}`);

describe('resolution', () => {
  it('keeps an organization the tagger read whole, around a country or office a rule knows', () => {
    const entities = extractEntities({
      bodyText: 'Shares fell on the New York Stock Exchange on Friday.\nThe U.S. Treasury said bond yields rose.',
    });
    expect(names(entities)).toEqual(
      expect.arrayContaining(['organization:New York Stock Exchange', 'organization:U.S. Treasury']),
    );
  });

  it('keeps a city in a dateline a place and the team of the same name in the standings a team', () => {
    const entities = extractEntities({
      bodyText: [
        "BASEBALL - MAJOR LEAGUE STANDINGS AFTER THURSDAY 'S GAMES .",
        'NEW YORK 1996-08-30',
        'Standings after games played on Thursday:',
        'EASTERN DIVISION',
        'W L PCT GB',
        'NEW YORK 74 57 .565 -',
        'BALTIMORE 70 61 .534 4',
        'BOSTON 67 65 .508 7 1/2',
      ].join('\n'),
    });
    const newYork = entities.filter((e) => e.mentions.some((m) => m.text === 'NEW YORK'));
    expect(newYork.map((e) => e.type).sort()).toEqual(['location', 'organization']);
    expect(entities.find((e) => e.mentions.some((m) => m.text === 'BALTIMORE'))?.type).toBe('organization');
  });

  it('keeps the capital "The" of a place named with it', () => {
    const entities = extractEntities({
      bodyText: 'The court sits in The Hague, and the final is at The Oval in London.',
    });
    expect(entities.flatMap((e) => e.mentions.map((m) => m.text))).toContain('The Hague');
  });

  it('files no section label as a person or organization', () => {
    expect(names(extractEntities({ bodyText: 'Sport Federer wins again in Basel.' }))).toEqual(
      expect.arrayContaining(['person:Federer']),
    );
    expect(extractEntities({ bodyText: 'News\n\nWorld\n\nSport\n\nWeather\n\nThe minister said.' })).toEqual([]);
  });
});
