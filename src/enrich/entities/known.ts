// Curated knowledge: aliases of well-known organizations and places, and Wikidata ids
// (data/*.json). Lookups use straight apostrophes so "People’s" and "People's" agree.
import aliases from './data/aliases.json' with { type: 'json' };
import wikidata from './data/wikidata.json' with { type: 'json' };
import type { EntityType } from '../../shared/types.js';
import { normalizeApostrophes } from './gazetteer.js';

const organizationAliases = new Map<string, string>(Object.entries(aliases.organization));
const ids: Record<EntityType, Record<string, string>> = wikidata;
for (const name of Object.keys(ids.organization)) organizationAliases.set(name, name);
/** Multi-word names also match in capitals ("UNITED NATIONS (AP) —"); one word must match exactly ("Apple"). */
const byLowerCase = new Map(
  [...organizationAliases].filter(([a]) => a.includes(' ')).map(([a, c]) => [a.toLowerCase(), c]),
);

/** Every name `knownOrganization` recognises, as written. */
export function organizationNames(): Iterable<string> {
  return organizationAliases.keys();
}

/** The canonical name of a well-known organization written as `name` ("AP", "U.N."), or undefined. */
export function knownOrganization(name: string): string | undefined {
  const n = normalizeApostrophes(name);
  return organizationAliases.get(n) ?? byLowerCase.get(n.toLowerCase());
}

const cities = wikidata.city as unknown as Record<string, [qid: string, countryCode: string]>;

/**
 * The Wikidata QID of a canonical name of that type, when curated. A city's id is only given for
 * the city in the curated country: Paris, Texas is not Q90.
 */
export function wikidataId(type: EntityType, name: string, countryCode?: string): string | undefined {
  if (type === 'location' && Object.hasOwn(cities, name)) {
    const [qid, country] = cities[name];
    return countryCode === country ? qid : undefined;
  }
  return Object.hasOwn(ids[type], name) ? ids[type][name] : undefined;
}
