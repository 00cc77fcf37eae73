// Within one document: decide each mention's type and canonical name. Order matters:
//   1. curated and gazetteer names (aliases, countries, acronyms the text defines) and rule spans;
//   2. short person names → the full name they abbreviate ("Putin" → "Vladimir Putin");
//   3. the model's type for the rest, by majority over identical mentions in the document;
//   4. acronyms spelled from a name in the document ("KCNA" → "Korean Central News Agency");
//   5. demonyms ("North Korean") → their country, only where the country is itself named.
import type { EntityType } from '../../shared/types.js';
import { FIRST_NAMES } from '../ner/first-names.js';
import {
  canonicalPlaceName,
  isPlaceName,
  lookupCountry,
  lookupDemonym,
  lookupPlace,
  lookupState,
  normalizeApostrophes,
  type Place,
  type PlaceContext,
} from './gazetteer.js';
import { knownOrganization, wikidataId } from './known.js';
import {
  CORPORATE_SUFFIXES,
  EAST_ASIAN_SURNAMES,
  LOC_CUES,
  ORG_CUES,
  ORG_HEADS,
  PER_CUES,
  PLACE_HEADS,
} from './lexicon.js';
import { initialsMatch } from './rules.js';
import type { Candidate } from './spans.js';

/** Where a mention was read: body mentions carry offsets; a dateline or credit outside the body only counts. */
export type Segment = 'body' | 'dateline' | 'credit';

export interface RawMention extends Candidate {
  segment: Segment;
}

export interface ResolvedMention extends RawMention {
  entityType: EntityType;
  name: string;
  place?: Place;
  /** "Russian" standing for Russia: a reference to the place, not its name. */
  demonym?: boolean;
}

/** Cities (and all countries and states) a tagger's PER/ORG guess yields to, unless the name is a person here. */
const PROMINENT_CITY_POPULATION = 1_000_000;
/** The same, for cities in a country the document names ("Donetsk and Luhansk" in a story on Ukraine). */
const CONTEXT_CITY_POPULATION = 100_000;

const wordCount = (s: string): number => s.split(/\s+/).length;
const titleCase = (s: string): string =>
  s === s.toUpperCase() && /\p{Lu}{2}/u.test(s) && s.length > 4
    ? s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())
    : s;

/** Step 1: a mention whose name the curated lists, the gazetteer or a rule settle on their own. */
function decideKnown(
  m: RawMention,
  acronyms: Map<string, string>,
  sports: boolean,
  surnames: ReadonlySet<string>,
): ResolvedMention | 'demonym' | undefined {
  const text = normalizeApostrophes(m.text);
  const expanded = acronyms.get(text);
  if (expanded) {
    const country = lookupCountry(expanded);
    if (country) return { ...m, entityType: 'location', name: country.name, place: country };
    return { ...m, entityType: 'organization', name: knownOrganization(expanded) ?? expanded };
  }
  const org = knownOrganization(text);
  if (org) return { ...m, entityType: 'organization', name: org };
  // "Monaco", "Jordan" the teams: a country the tagger reads as a club in the results is one
  const team = m.source === 'model' && m.type === 'ORG' && (m.tableOrHeadline || sports);
  // "Jordan" beside Neil Jordan, "Kan" beside Naoto Kan: a surname the tagger read as a person
  // is left to the short-name step, not taken for a country or a state
  const person = m.source === 'model' && m.type === 'PER' && surnames.has(text);
  const country = lookupCountry(text);
  if (country && !team && !person) return { ...m, entityType: 'location', name: country.name, place: country };
  if (lookupDemonym(text)) return 'demonym';
  if (wikidataId('person', text)) return { ...m, entityType: 'person', name: text };
  if (m.source === 'rule') {
    if (m.type === 'PER') return { ...m, entityType: 'person', name: text };
    if (m.type === 'LOC') return { ...m, entityType: 'location', name: text };
    return { ...m, entityType: 'organization', name: organizationName(text) };
  }
  const last = text.split(/\s+/).at(-1)!.toLowerCase();
  // a head word settles the type the tagger left open, not one it read from context
  // ("the West Bank"; "Notts County" the club in the results)
  if (wordCount(text) >= 2 && ORG_HEADS.has(last) && m.type !== 'LOC' && m.type !== 'MISC')
    return { ...m, entityType: 'organization', name: organizationName(text) };
  if (wordCount(text) >= 2 && PLACE_HEADS.has(last) && !team) return { ...m, entityType: 'location', name: text };
  // "COLORADO 5 Texas 3": the tagger reads a team named after a state from its context
  const state = team || person ? undefined : lookupState(text);
  if (state) return { ...m, entityType: 'location', name: state.name, place: state };
  return undefined;
}

/** A company's usual name: "Toyota Motor Corp." → "Toyota" when curated, else as written. */
function organizationName(text: string): string {
  const words = text.split(' ');
  if (words.length < 2 || !CORPORATE_SUFFIXES.has(words.at(-1)!.toLowerCase())) return text;
  const base = words.slice(0, -1).join(' ');
  return knownOrganization(base) ?? knownOrganization(text) ?? text;
}

const givenNames = new Set(FIRST_NAMES);
const isCapitalisedWord = (w: string): boolean => /^\p{Lu}/u.test(w);
const NAME_SUFFIXES = new Set(['Jr.', 'Sr.', 'Jr', 'Sr', 'II', 'III', 'IV']);

/**
 * A tagger's ORG or LOC guess for "Jerome Powell" or "Antony Blinken": two or three words led by a
 * common given name, with no organization or place head word, naming no known place.
 */
function looksLikePerson(m: RawMention): boolean {
  const words = normalizeApostrophes(m.text).split(' ');
  if (m.type === 'PER' || m.type === 'MISC' || words.length < 2 || words.length > 3) return false;
  // "Douglas & Lomason", "Trade and Industry": joined names are no one person
  if (words.some((w) => !isCapitalisedWord(w))) return false;
  const last = words.at(-1)!.toLowerCase();
  if (!givenNames.has(words[0]) || ORG_HEADS.has(last) || PLACE_HEADS.has(last)) return false;
  return !isPlaceName(m.text) && knownOrganization(m.text) === undefined;
}

/**
 * The full name a one-word person mention stands for. A surname matches the last word of a full
 * name, and a Korean or Chinese family name also the first ("Kim" → "Kim Jong Un"). When several
 * full names share it, the one written out in full most often owns the short form — wire copy
 * always spells out the secondary person ("Navy Admiral Kim Myong Sik"), so a bare "Kim" is the
 * protagonist. With no single most frequent full name the mention is ambiguous and dropped.
 */
function expandShortName(word: string, fullNames: Map<string, number>): string | undefined {
  const matches = [...fullNames].filter(([full]) => {
    // "Martin Luther King Jr." is "King"
    const parts = full.split(' ').filter((p) => !NAME_SUFFIXES.has(p));
    return parts.at(-1) === word || (parts[0] === word && EAST_ASIAN_SURNAMES.has(word));
  });
  if (matches.length === 0) return undefined;
  matches.sort((a, b) => b[1] - a[1]);
  if (matches.length > 1 && matches[0][1] === matches[1][1]) return 'ambiguous';
  return matches[0][0];
}

/**
 * A place name the tagger read as a place here and as a team or club there ("NEW YORK" in a
 * dateline and in the standings): each mention keeps the tagger's reading, no majority vote.
 */
export function teamOrPlace(m: { type: string; text: string }): boolean {
  return (m.type === 'ORG' || m.type === 'LOC') && (lookupState(m.text) !== undefined || isPlaceName(m.text));
}

/**
 * The type a cue word implies; a capitalised cue only counts as a title ("State Department" is no
 * state). A given name the tagger read as a person's outweighs an organization cue ("party
 * Vladimir Zhirinovsky").
 */
function typeFromCue(m: { cue?: string; type: string; text: string }): string | undefined {
  const cue = m.cue;
  if (!cue) return undefined;
  const lower = cue.toLowerCase();
  if (PER_CUES.has(lower)) return 'PER';
  if (cue !== lower) return undefined;
  if (ORG_CUES.has(cue))
    return m.type === 'PER' && givenNames.has(m.text.split(' ')[0]) && wordCount(m.text) > 1 ? undefined : 'ORG';
  if (LOC_CUES.has(cue)) return 'LOC';
  return undefined;
}

/**
 * `dateline`: where the story's dateline puts it, the strongest hint for a same-named place.
 * `sports`: the story is a sports report, where clubs and teams carry their city's name.
 */
export function resolveMentions(
  raw: RawMention[],
  acronyms: Map<string, string>,
  dateline?: PlaceContext['dateline'],
  sports = false,
): ResolvedMention[] {
  const resolved: ResolvedMention[] = [];
  const pending: RawMention[] = [];
  const demonyms: RawMention[] = [];
  const surnames = new Set(
    raw.flatMap((m) => {
      const words = normalizeApostrophes(m.text).split(' ');
      return m.type === 'PER' && words.length > 1 ? [words.at(-1)!] : [];
    }),
  );
  for (const m of raw) {
    const known = decideKnown(m, acronyms, sports, surnames);
    if (known === 'demonym') demonyms.push(m);
    else if (known) resolved.push(known);
    else if (looksLikePerson(m)) pending.push({ ...m, type: 'PER' });
    else if (m.type !== 'MISC') pending.push(m);
  }

  // 2. short person names
  const fullNames = new Map<string, number>();
  const personLike = [...resolved.filter((r) => r.entityType === 'person'), ...pending.filter((p) => p.type === 'PER')];
  for (const p of personLike) {
    const name = normalizeApostrophes(p.text);
    if (wordCount(name) >= 2) fullNames.set(name, (fullNames.get(name) ?? 0) + 1);
  }
  const rest: RawMention[] = [];
  for (const m of pending) {
    const text = normalizeApostrophes(m.text);
    if (wordCount(text) > 1) {
      rest.push(m);
      continue;
    }
    // "Kim-Putin meeting": each part a person of the document
    const parts = text.split('-');
    const fulls = parts.map((p) => expandShortName(p, fullNames));
    if (fulls.includes('ambiguous')) continue;
    if (parts.length > 1 && fulls.every((f) => f !== undefined)) {
      let at = m.start;
      parts.forEach((p, i) => {
        resolved.push({
          ...m,
          start: at,
          end: at + p.length,
          text: m.text.slice(at - m.start, at - m.start + p.length),
          entityType: 'person',
          name: fulls[i],
        });
        at += p.length + 1;
      });
    } else if (parts.length === 1 && fulls[0]) resolved.push({ ...m, entityType: 'person', name: fulls[0] });
    else rest.push(m);
  }

  // 3. the model's type, by majority over identical mentions
  const votes = new Map<string, Map<string, number>>();
  for (const m of rest) {
    const tally = votes.get(m.text) ?? new Map<string, number>();
    tally.set(m.type, (tally.get(m.type) ?? 0) + 1);
    votes.set(m.text, tally);
  }
  // where the document says it happens: the countries and regions it names, and its dateline
  const named = resolved.flatMap((r) => (r.place && r.place.kind !== 'city' ? [r.place] : []));
  const context: PlaceContext = {
    countries: new Set(named.map((p) => p.countryCode)),
    regions: new Set(named.flatMap((p) => (p.region ? [p.region] : []))),
    dateline,
  };
  const byName = new Map(resolved.map((r) => [r.name, r]));
  const longOrgs = new Set(
    [
      ...resolved.filter((r) => r.entityType === 'organization').map((r) => r.name),
      ...rest.filter((r) => r.type === 'ORG').map((r) => normalizeApostrophes(r.text)),
    ].filter((n) => wordCount(n) >= 2),
  );
  for (const m of rest) {
    const text = normalizeApostrophes(m.text);
    const type =
      typeFromCue(m) ?? (teamOrPlace(m) ? m.type : [...votes.get(m.text)!].sort((a, b) => b[1] - a[1])[0][0]);
    // "United" after "Manchester United": the one organization in the document it shortens
    if (type === 'ORG' && wordCount(text) === 1 && !ORG_HEADS.has(text.toLowerCase())) {
      const longer = [...longOrgs].filter((n) => n.startsWith(`${text} `) || n.endsWith(` ${text}`));
      if (longer.length === 1) {
        resolved.push({ ...m, entityType: 'organization', name: knownOrganization(longer[0]) ?? longer[0] });
        continue;
      }
    }
    // 4. an acronym of a name already in the document
    if (/^\p{Lu}{2,6}$/u.test(text)) {
      const spelled = [...byName.keys(), ...longOrgs].find(
        (n) => byName.get(n)?.entityType !== 'person' && initialsMatch(text, n),
      );
      if (spelled) {
        const known = byName.get(spelled);
        resolved.push({ ...m, entityType: known?.entityType ?? 'organization', name: spelled, place: known?.place });
        continue;
      }
    }
    const place = lookupPlace(text, context, m.qualifier, { before: m.cue, after: m.cueAfter });
    // a big city, a sizeable one in a country the story names, or any place a dateline shouts
    // ("NEW YORK (AP) —") is the place whatever the tagger said
    const population = place?.population ?? 0;
    const inContext =
      place?.kind === 'city' &&
      population >= CONTEXT_CITY_POPULATION &&
      context.countries.has(place.countryCode) &&
      !typeFromCue(m);
    const prominent = place && (place.kind !== 'city' || population >= PROMINENT_CITY_POPULATION || inContext);
    const shouted = place && /\p{Lu}{3}/u.test(text) && text === text.toUpperCase() && type !== 'PER';
    // ...unless the tagger read an organization there in a results row, a headline or a sports
    // report, where clubs and teams carry their city's name ("NEW YORK 74 57 .565", "joined Milan")
    const team = type === 'ORG' && (m.tableOrHeadline || sports);
    if (type === 'LOC' || ((prominent || shouted) && !team)) {
      resolved.push({ ...m, entityType: 'location', name: place?.name ?? titleCase(canonicalPlaceName(text)), place });
    } else if (type === 'PER') resolved.push({ ...m, entityType: 'person', name: text });
    else resolved.push({ ...m, entityType: 'organization', name: organizationName(text) });
  }

  // 5. demonyms join a country the document names
  const countries = new Map(resolved.filter((r) => r.place?.kind === 'country').map((r) => [r.name, r]));
  for (const m of demonyms) {
    const country = countries.get(lookupDemonym(m.text)!);
    if (country)
      resolved.push({ ...m, entityType: 'location', name: country.name, place: country.place, demonym: true });
  }
  return resolved;
}
