// Named entities of one article, as a news desk would file them: canonical names, exact
// mentions in the body, salience, and Wikidata ids / country codes / coordinates where known.
//   recognize (../ner)  → model spans per text (body; dateline and credits when outside the body)
//   candidateSpans      → spans repaired by rules (titles, possessives, Korean names, org phrases)
//   resolveMentions     → type and canonical name per mention, within the document
//   here                → group by entity, count, salience, gazetteer and Wikidata enrichment
import type { Entity, EntityType, Mention } from '../../shared/types.js';
import { isSportsReport } from '../ner/document.js';
import { recognize, type NerSpan } from '../ner/index.js';
import { datelinePlace, normalizeApostrophes, type Place } from './gazetteer.js';
import { wikidataId } from './known.js';
import { EAST_ASIAN_SURNAMES } from './lexicon.js';
import { resolveMentions, teamOrPlace, type RawMention, type ResolvedMention, type Segment } from './resolve.js';
import { definedAcronyms } from './rules.js';
import { candidateSpans } from './spans.js';

export interface EntityInput {
  title?: string;
  bodyText: string;
  dateline?: { text: string; place?: string; agency?: string };
  credits?: string[];
}

export interface ExtractOptions {
  /** The span recogniser; defaults to the shipped statistical model. */
  recognize?: (text: string) => NerSpan[];
}

/** Salience weights: being in the headline, in the lede (or dateline), and relative frequency. */
const TITLE_WEIGHT = 0.35;
const LEDE_WEIGHT = 0.25;
const FREQUENCY_WEIGHT = 0.4;

/** The lede is the first paragraph, or the first 400 characters of a body without breaks. */
function ledeEnd(body: string): number {
  const firstBreak = body.trimStart().search(/\n\s*\n/);
  const offset = body.length - body.trimStart().length;
  return firstBreak < 0 ? Math.min(body.length, 400) : offset + firstBreak;
}

interface Group {
  type: EntityType;
  name: string;
  mentions: Mention[];
  /** Mentions in a dateline or credits outside the body: counted, without offsets. */
  outsideBody: number;
  inTitle: boolean;
  inLede: boolean;
  place?: Place;
}

/**
 * The people, organizations and places an article names, most salient first (ties by name).
 * Mentions carry offsets into `bodyText`; a dateline or credits the body does not contain count
 * toward an entity without offsets; the title only raises the salience of entities the text names.
 */
export function extractEntities(input: EntityInput, options: ExtractOptions = {}): Entity[] {
  const tag = options.recognize ?? ((text: string) => recognize(text));
  const texts: Array<{ segment: Segment; text: string }> = [{ segment: 'body', text: input.bodyText }];
  if (input.dateline && !input.bodyText.includes(input.dateline.text)) {
    texts.push({ segment: 'dateline', text: input.dateline.text });
  }
  for (const credit of input.credits ?? [])
    if (!input.bodyText.includes(credit)) texts.push({ segment: 'credit', text: credit });

  const raw: RawMention[] = [];
  const acronyms = new Map<string, string>();
  for (const { segment, text } of texts) {
    for (const [a, long] of definedAcronyms(text)) acronyms.set(a, long);
    for (const c of candidateSpans(text, tag(text))) raw.push({ ...c, segment });
  }
  const dateline = input.dateline?.place ? datelinePlace(input.dateline.place) : undefined;
  const sports = isSportsReport(`${input.title ?? ''}\n${input.bodyText}`);
  const mentions = unifyTypes(resolveMentions(raw, acronyms, dateline, sports));

  const lede = ledeEnd(input.bodyText);
  const groups = new Map<string, Group>();
  const groupOf = (m: ResolvedMention): Group => {
    const id = `${m.entityType}\u0000${m.name}`;
    let g = groups.get(id);
    if (!g) {
      g = { type: m.entityType, name: m.name, mentions: [], outsideBody: 0, inTitle: false, inLede: false };
      groups.set(id, g);
    }
    g.place ??= m.place;
    return g;
  };
  for (const m of mentions) {
    const g = groupOf(m);
    if (m.segment === 'body')
      g.mentions.push({ text: m.text, start: m.start, end: m.end, ...(m.demonym ? { demonym: true } : {}) });
    else g.outsideBody++;
    if ((m.segment === 'body' && m.start < lede) || m.segment === 'dateline') g.inLede = true;
  }
  // the title only raises the salience of entities the text names: headline capitals fool a tagger
  if (input.title) {
    const shortForms = [...groups.values()].flatMap((g) => (g.type === 'person' ? shortFormsOf(g.name) : []));
    const shared = new Set(shortForms.filter((f, i) => shortForms.indexOf(f) !== i));
    for (const g of groups.values()) g.inTitle = namedIn(input.title, g, shared);
  }

  const all = [...groups.values()];
  for (const g of all) g.mentions = dedupe(g.mentions);
  const countOf = (g: Group) => g.mentions.length + g.outsideBody;
  const maxCount = Math.max(1, ...all.map(countOf));
  const entities = all.map((g): Entity => {
    const count = countOf(g);
    const salience =
      TITLE_WEIGHT * Number(g.inTitle) + LEDE_WEIGHT * Number(g.inLede) + FREQUENCY_WEIGHT * (count / maxCount);
    const entity: Entity = {
      type: g.type,
      name: g.name,
      mentions: g.mentions,
      count,
      salience: Math.round(salience * 1000) / 1000,
    };
    const place = g.place;
    // a region's or country's id travels with its place; a city's is curated by name and country
    const qid =
      (g.type === 'location' ? place?.wikidataId : undefined) ?? wikidataId(g.type, g.name, place?.countryCode);
    if (qid) entity.wikidataId = qid;
    if (g.type === 'location' && place) {
      entity.countryCode = place.countryCode;
      if (place.lat !== undefined && place.lon !== undefined) [entity.lat, entity.lon] = [place.lat, place.lon];
    }
    return entity;
  });
  // plain code-unit order, not localeCompare: the same output on every machine
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return entities.sort((a, b) => b.salience - a.salience || order(a.name, b.name) || order(a.type, b.type));
}

/**
 * One name is one entity in a document: when the tagger filed "Kremlin" as a place in one sentence
 * and an organization in another, every mention takes the type most of them have (the first on a tie).
 * A city or state the tagger read as a team in some mentions is two entities (see teamOrPlace).
 */
function unifyTypes(mentions: ResolvedMention[]): ResolvedMention[] {
  const tallies = new Map<string, Map<EntityType, number>>();
  const split = (m: ResolvedMention) => m.source === 'model' && m.entityType !== 'person' && teamOrPlace(m);
  for (const m of mentions) {
    if (split(m)) continue;
    const tally = tallies.get(m.name) ?? new Map<EntityType, number>();
    tally.set(m.entityType, (tally.get(m.entityType) ?? 0) + 1);
    tallies.set(m.name, tally);
  }
  return mentions.map((m) => {
    const tally = tallies.get(m.name);
    if (!tally || split(m) || tally.size === 1) return m;
    let best = tally.keys().next().value!;
    for (const [type, n] of tally) if (n > tally.get(best)!) best = type;
    return { ...m, entityType: best };
  });
}

/** How a headline shortens a person: by surname, or by a Korean or Chinese family name. */
function shortFormsOf(name: string): string[] {
  const parts = name.split(' ');
  if (parts.length < 2) return [];
  return EAST_ASIAN_SURNAMES.has(parts[0]) ? [parts[0], parts.at(-1)!] : [parts.at(-1)!];
}

/** True when the headline writes the entity as the text does, or a person by a short form no one else shares. */
function namedIn(title: string, g: Group, sharedShortForms: ReadonlySet<string>): boolean {
  const forms = new Set([g.name, ...g.mentions.map((m) => m.text)].map(normalizeApostrophes));
  if (g.type === 'person') for (const f of shortFormsOf(g.name)) if (!sharedShortForms.has(f)) forms.add(f);
  const headline = normalizeApostrophes(title);
  // most forms are nowhere in the headline: a substring test spares building their pattern
  return [...forms].some(
    (f) =>
      headline.includes(f) && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(f)}(?![\\p{L}\\p{N}])`, 'u').test(headline),
  );
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Mentions in reading order, once each. */
function dedupe(mentions: Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions
    .sort((a, b) => a.start - b.start)
    .filter((m) => {
      const k = `${m.start}:${m.end}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
}
