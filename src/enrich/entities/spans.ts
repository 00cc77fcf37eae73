// Candidate name spans for one text: the model's spans repaired by rules for what a news tagger
// typically gets wrong. Rule spans claim their characters first; model spans that overlap them
// keep only the pieces outside ("Navy Admiral Kim Myong" around the rule's "Kim Myong Sik"),
// except an organization or place the tagger read whole around a shorter rule span.
import type { NerSpan } from '../ner/index.js';
import { lookupCountry } from './gazetteer.js';
import { knownOrganization } from './known.js';
import {
  NOT_NAMES,
  ORG_HEADS,
  PARTICLE_NAME,
  PER_CUES,
  PLACE_HEADS,
  PUBLICATION_HEADS,
  SECTION_LABELS,
  TITLE_WORDS,
  TRAILING_GENERIC,
} from './lexicon.js';
import { ruleSpans } from './rules.js';
import { FIRST_NAMES } from '../ner/first-names.js';
import { ABBREVIATION, bare, isCapitalised, isKnownName, isOrgHead, wordsOf, type Word } from './words.js';

export type SpanType = NerSpan['type'];

/** A line with at least this share of tokens holding digits is a table row, not a sentence with a date in it. */
const FIGURES_SHARE = 0.1;

export interface Candidate {
  type: SpanType;
  start: number;
  end: number;
  text: string;
  /** 'rule' spans come from patterns whose type is reliable; 'model' spans carry the tagger's guess. */
  source: 'model' | 'rule';
  /** The word before the name, skipping "of" ("town of Khasan" → "town", "Chair Jerome Powell" → "Chair"). */
  cue?: string;
  /** What follows after a comma, as in "Paris, Texas" or "Tallinn, Estonia": where a place is. */
  qualifier?: string;
  /** The word right after the name ("Washington state", "Sichuan province"). */
  cueAfter?: string;
  /** The name's line is mostly figures or has no lower case: a results row, standings, a headline. */
  tableOrHeadline?: boolean;
}

/** Trims a span to the name itself: no titles, articles, possessives, trailing punctuation or generic nouns. */
export function cleanSpan(text: string, span: Candidate): Candidate | undefined {
  let words = wordsOf(span.text, span.start);
  const headed = words.some((w) => isOrgHead(w.text));
  while (words.length > 0) {
    const first = words[0].text.toLowerCase();
    // "Sport Federer": a section label run into the headline's name
    const label = span.type === 'PER' && words.length > 1 && SECTION_LABELS.has(first);
    // "at The Hague", "at The Oval": a capital "The" the tagger took in mid-sentence is the name's
    // "The Washington Post", "The Times": a paper's "The" is its name's, wherever the sentence starts
    const namedThe =
      /^the$/i.test(words[0].text) &&
      words[0].text !== 'the' &&
      span.source === 'model' &&
      words.length > 1 &&
      (midSentence(text, words[0].start) || PUBLICATION_HEADS.has(bare(words.at(-1)!.text)));
    // "Prince Rupert", "Prince Edward Island": a title opening a place the tagger read whole
    const titled = span.source === 'model' && span.type === 'LOC' && words.length > 1;
    if ((first === 'the' && !namedThe) || first === 'a' || label || (!headed && !titled && TITLE_WORDS.has(first)))
      words = words.slice(1);
    else break;
  }
  // a trailing title ("University of Oxford Professor …") but not a surname that is one ("Carole King")
  // nor a title that ends the name ("Department of State")
  // nor a title no name follows ("the U.S. Navy said")
  // nor a surname led by its particle ("Rami al-Saadani")
  const trailing = (w: Word) =>
    TRAILING_GENERIC.has(w.text) ||
    (!isCapitalised(w.text) && !PARTICLE_NAME.test(w.text)) ||
    (span.type !== 'PER' &&
      words.length > 1 &&
      isCapitalised(words.at(-2)!.text) &&
      TITLE_WORDS.has(bare(w.text)) &&
      !isOrgHead(w.text) &&
      /^\s+\p{Lu}/u.test(text.slice(w.end, w.end + 3)));
  while (words.length > 0 && trailing(words.at(-1)!)) words = words.slice(0, -1);
  if (words.length === 0) return undefined;
  let start = words[0].start;
  let end = words.at(-1)!.end;
  let value = text.slice(start, end);
  value = value.replace(/['’]s$/u, '');
  if (/s['’]$/u.test(value)) value = value.slice(0, -1);
  // ...but a bracket the name opened is its own ("Mladost (L)", a club and its town)
  const closes = (v: string) => v.endsWith(')') && v.includes('(');
  while (/[.,;:!?"”“)(\]-]$/u.test(value) && !ABBREVIATION.test(value) && !closes(value)) value = value.slice(0, -1);
  while (/^[("“'‘-]/u.test(value)) {
    value = value.slice(1);
    start += 1;
  }
  end = start + value.length;
  // "Radnicki (N": the tagger left the bracket it opened outside
  if (/\([^)]*$/.test(value) && text[end] === ')') value = text.slice(start, ++end);
  const lower = value.toLowerCase();
  // "de Klerk", "van der Sar", "al-Kabariti": a surname particle may open a name
  const named = isCapitalised(value) || PARTICLE_NAME.test(value);
  if (!named || value.length < 2 || NOT_NAMES.has(lower) || SECTION_LABELS.has(lower)) return undefined;
  // a title, or a head word alone ("Board member …"), names nobody; but "the Senate", "the
  // Commission" in mid-sentence, read as an organization, name the one the story is about, as
  // "the Gulf" read as a place names one
  const alone = (type: SpanType) => span.source === 'model' && span.type === type && midSentence(text, start);
  if (TITLE_WORDS.has(lower) || (ORG_HEADS.has(lower) && !alone('ORG')) || (PLACE_HEADS.has(lower) && !alone('LOC')))
    return undefined;
  return { ...span, start, end, text: value };
}

/** A lower-case word ends the text before `at`: the name stands mid-sentence. */
function midSentence(text: string, at: number): boolean {
  return /\p{Ll}[,;:]?\s+$/u.test(text.slice(Math.max(0, at - 20), at));
}

/** "Rivals Honda" at the start of a sentence: the capitalised opener is not part of a known name. */
function withoutSentenceOpener(text: string, span: Candidate): Candidate {
  const space = span.text.indexOf(' ');
  // a single line break is a hard wrap inside a sentence, a blank line a new paragraph
  if (space < 0 || !/(?:^|[.!?]["”’]?\s+|\n[^\S\n]*\n)$/u.test(text.slice(Math.max(0, span.start - 3), span.start)))
    return span;
  const rest = span.text.slice(space + 1);
  // a "The" cleanSpan kept is the name's own ("The Washington Post"), as is a person's given name
  // ("Trevor Holland"), and an organization named for its country ("Statistics Canada", "Air France")
  const opener = span.text.slice(0, space);
  if (!isKnownName(rest) || /^the$/i.test(opener) || (span.type === 'PER' && GIVEN_NAMES.has(opener))) return span;
  if (span.type === 'ORG' && knownOrganization(rest) === undefined) return span;
  return { ...span, start: span.start + space + 1, text: rest };
}

/** Splits "North Korea-Russia" into its places; other hyphenated names stay whole. */
function splitPlaces(span: Candidate): Candidate[] {
  const parts = span.text.split(/[-–]/u);
  if (parts.length < 2 || lookupCountry(span.text) || !parts.every((p) => lookupCountry(p))) return [span];
  const out: Candidate[] = [];
  let at = span.start;
  for (const p of parts) {
    out.push({ ...span, type: 'LOC', start: at, end: at + p.length, text: p });
    at += p.length + 1;
  }
  return out;
}

const GIVEN_NAMES = new Set(FIRST_NAMES);

/** Pieces of `span` outside the claimed ranges. */
function remainder(text: string, span: Candidate, claimed: Candidate[]): Candidate[] {
  const overlapping = claimed.filter((c) => c.start < span.end && span.start < c.end);
  if (overlapping.length === 0) return [span];
  const pieces: Candidate[] = [];
  let at = span.start;
  for (const c of overlapping.sort((a, b) => a.start - b.start)) {
    if (c.start > at) pieces.push({ ...span, start: at, end: c.start, text: text.slice(at, c.start) });
    at = Math.max(at, c.end);
  }
  if (at < span.end) pieces.push({ ...span, start: at, end: span.end, text: text.slice(at, span.end) });
  return pieces;
}

/** "Erik" + " ten Hag", "Ursula" + " von der Leyen": surname particles a tagger leaves off. */
function withParticle(text: string, span: Candidate): Candidate {
  if (span.type !== 'PER') return span;
  const m = /^ (?:(?:van|von|de|der|den|ten|ter|da|di|du|dos|das|bin|al|el|le|la) ){1,2}\p{Lu}[\p{L}\p{M}'’-]+/u.exec(
    text.slice(span.end, span.end + 40),
  );
  if (!m) return span;
  const end = span.end + m[0].length;
  return { ...span, end, text: text.slice(span.start, end) };
}

/** The cleaned name spans of `text`, given the model's spans for it, in order of appearance. */
export function candidateSpans(text: string, modelSpans: NerSpan[]): Candidate[] {
  // A rule refines a name the tagger cut short or ran on, but never shortens an organization or
  // place the tagger read whole ("U.S. Treasury", "New York Stock Exchange", "MEXICO CITY").
  // Two rule spans inside one model span are a list the tagger ran together ("Defense Ministry
  // and National Intelligence Service"): there the rules win.
  // A country in front of a head is not a list: "U.S. District Court" stays whole.
  const found = ruleSpans(text);
  // a rule span may carry the full stop ending the sentence ("on the New York Stock Exchange.")
  const inside = (m: NerSpan, r: Candidate) => m.start <= r.start && r.end - Number(/[.,]$/.test(r.text)) <= m.end;
  // Conversely, a rule span over two model names joined by "and" is the list the tagger saw
  // ("KeyCorp and Banc One Corp."): there the tagger wins.
  const isList = (parts: { start: number; end: number }[]) =>
    parts.some((r, i) => i > 0 && /,|\b(?:and|or)\b/.test(text.slice(parts[i - 1].end, r.start)));
  const rules = found.filter(
    (r) =>
      !modelSpans.some(
        (m) =>
          m.type !== 'PER' &&
          inside(m, r) &&
          m.end - m.start > r.end - r.start &&
          !isList(found.filter((other) => inside(m, other))),
      ) && !isList(modelSpans.filter((m) => m.start >= r.start && m.end <= r.end)),
  );
  const out: Candidate[] = [];
  for (const r of rules) {
    const cleaned = cleanSpan(text, r);
    if (cleaned) out.push(cleaned);
  }
  for (const span of modelSpans) {
    for (const piece of remainder(text, withParticle(text, { ...span, source: 'model' }), rules)) {
      const cleaned = cleanSpan(text, piece);
      if (cleaned) out.push(...splitPlaces(withoutSentenceOpener(text, cleaned)));
    }
  }
  // names share lines: each line is read once
  const tableLines = new Map<string, boolean>();
  for (const c of out) {
    c.cue = cueBefore(text, c.start);
    c.qualifier = /^,\s+(\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?)/u.exec(text.slice(c.end, c.end + 40))?.[1];
    c.cueAfter = /^\s(\p{L}+)/u.exec(text.slice(c.end, c.end + 30))?.[1];
    const lineStart = text.lastIndexOf('\n', c.start) + 1;
    const lineEnd = text.indexOf('\n', c.end);
    const line = `${lineStart}:${lineEnd}`;
    let table = tableLines.get(line);
    if (table === undefined)
      tableLines.set(line, (table = tableOrHeadline(text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd))));
    c.tableOrHeadline = table;
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A line mostly of figures (a results row, standings) or without lower case (a headline). */
function tableOrHeadline(line: string): boolean {
  const tokens = line.split(/\s+/).filter(Boolean);
  const figures = tokens.filter((t) => /\d/.test(t)).length;
  return figures >= FIGURES_SHARE * tokens.length || !/\p{Ll}/u.test(line);
}

function cueBefore(text: string, start: number): string | undefined {
  const before = text
    .slice(Math.max(0, start - 40), start)
    .split(/\s+/)
    .filter(Boolean);
  let word = before.pop();
  if (word === 'of') {
    word = before.pop();
    // "chairman of VeriSign": a title's "of" leads to what the person heads, not to the person
    if (word && PER_CUES.has(word.toLowerCase())) return undefined;
  }
  return word?.replace(/['’]s$/u, '');
}
