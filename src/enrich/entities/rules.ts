// Rule spans: patterns whose type is reliable enough to overrule the model where they overlap it.
//   eastAsianNames      "Ri Pyong Chol", "Moon Jae-in"                        → PER
//   headedOrganizations "Defense Ministry", "Ministry of Defense"             → ORG
//   knownPhrases        curated names, countries and demonyms the model may cut → ORG/LOC/MISC
//   bracketedAgencies   "SEOUL (AP) —"                                        → ORG
import { countryAndDemonymNames, lookupCountry, lookupDemonym, normalizeApostrophes } from './gazetteer.js';
import { knownOrganization, organizationNames } from './known.js';
import {
  CORPORATE_SUFFIXES,
  EAST_ASIAN_SURNAMES,
  NAME_CONNECTORS,
  NOT_NAMES,
  TITLE_WORDS,
  ORG_HEADS,
} from './lexicon.js';
import type { Candidate } from './spans.js';
import { ABBREVIATION, ACRONYM, bare, isCapitalised, isKnownName, isOrgHead, wordsOf, type Word } from './words.js';

/** Possessives inside names: "Korean People's Army", "Women's Tennis Association". */
const POSSESSIVES_IN_NAMES = new Set(['people', 'women', 'children', 'men', 'workers', 'worker', 'farmer', 'farmers']);

/** Name prefixes that stay on an organization ("U.N. Security Council"). */
const BOUND_PREFIXES = new Set(['u.n.', 'un', 'united nations', 'eu', 'e.u.', 'european union']);

/** Korean, Chinese and Vietnamese names in family-first order: "Ri Pyong Chol", "Moon Jae-in". */
function eastAsianNames(text: string): Candidate[] {
  const found: Candidate[] = [];
  const pattern =
    /(?<![\p{L}\p{N}.])(\p{Lu}\p{Ll}{0,5}) (\p{Lu}\p{Ll}{1,6})(?:( |-)(\p{Lu}?\p{Ll}{1,6}))?(?![\p{L}\p{N}]| \p{Lu})/gu;
  for (const m of text.matchAll(pattern)) {
    const [whole, family, given1, joiner, given2] = m;
    if (!EAST_ASIAN_SURNAMES.has(family)) continue;
    // two capitalised given-name parts ("Jong Un") or one hyphenated ("Jae-in"); "Xi Jinping" is left to the model
    if (!given2 || (joiner === ' ' && !isCapitalised(given2)) || (joiner === '-' && isCapitalised(given2))) continue;
    const parts = [given1, given2].map((p) => p.toLowerCase());
    if (parts.some((p) => NOT_NAMES.has(p) || TITLE_WORDS.has(p) || ORG_HEADS.has(p))) continue;
    if (isKnownName(`${family} ${given1}`) || isKnownName(`${given1} ${given2}`) || isKnownName(given2)) continue;
    found.push({ type: 'PER', start: m.index, end: m.index + whole.length, text: whole, source: 'rule' });
  }
  return found;
}

/**
 * Capitalised phrases with an organization head word: "Defense Ministry", "Korean People's Army",
 * "Ministry of Defense", "National Intelligence Service". A phrase stops at a possessive of a
 * known place ("South Korea's Defense Ministry" → "Defense Ministry") and at "and" once a head
 * has been seen ("Defense Ministry and National Intelligence Service" → two).
 */
function headedOrganizations(text: string): Candidate[] {
  const found: Candidate[] = [];
  // in a line without lower case ("SOCCER - LEADING FRENCH LEAGUE RESULTS") capitals mark no
  // phrase: the tagger reads those lines, and the rule sees them blanked out
  text = text.replace(/^[^\p{Ll}\n]*$/gmu, (line) => ' '.repeat(line.length));
  let run: Word[] = [];
  const flush = () => {
    found.push(...organizationsInRun(text, run));
    run = [];
  };
  for (const w of wordsOf(text)) {
    const prev = run.at(-1);
    const gap = prev ? text.slice(prev.end, w.start) : ' ';
    if (prev && !/^ $/.test(gap)) flush();
    // "Ohio-based KeyCorp", "Sidi Kacem 0 Royal Armed Forces": a base or a score is no part of a name
    if (/-based$/i.test(w.text) || /^\d[\d.,]*$/.test(w.text)) flush();
    else if (isCapitalised(w.text)) {
      run.push(w);
      // a full stop that is not an abbreviation ends the sentence, and the phrase
      if (w.text.endsWith('.') && !ABBREVIATION.test(w.text)) {
        flush();
        continue;
      }
      // a possessive ends the phrase ("Hashimoto's Liberal Democratic Party") unless it is part of
      // the name ("Korean People's Army")
      if (/['’]s$/u.test(w.text) && !POSSESSIVES_IN_NAMES.has(bare(w.text))) {
        run.pop();
        flush();
      }
    } else if (run.length > 0 && NAME_CONNECTORS.has(w.text) && w.text !== 'the') {
      if (w.text === 'and' && run.some((r) => isOrgHead(r.text))) flush();
      else run.push(w);
    } else flush();
  }
  flush();
  return found;
}

function organizationsInRun(text: string, run: Word[]): Candidate[] {
  while (run.length > 0 && (NOT_NAMES.has(run[0].text.toLowerCase()) || !isCapitalised(run[0].text)))
    run = run.slice(1);
  while (run.length > 0 && !isCapitalised(run.at(-1)!.text)) run = run.slice(0, -1);
  // keep up to the last head, or past it only through "of"/"for" ("Ministry of Defense")
  let end = -1;
  for (let i = 0; i < run.length; i++) if (isOrgHead(run[i].text)) end = i;
  if (end < 0) return [];
  // "Shares of Microsoft Corp.": a phrase whose first head follows "of" starts after it
  const firstHead = run.findIndex((w) => isOrgHead(w.text));
  const connector = run.slice(0, firstHead).findLastIndex((w) => ['of', 'for', 'on'].includes(w.text));
  if (connector >= 0) {
    run = run.slice(connector + 1);
    end -= connector + 1;
  }
  // ...but not past a company's suffix: "Bestop Inc of Boulder" is a company and its town
  const suffixed = CORPORATE_SUFFIXES.has(run[end].text.toLowerCase());
  if (['of', 'for'].includes(run[end + 1]?.text ?? '') && !suffixed) {
    for (let j = end + 1; j < run.length; j++) {
      const w = run[j].text;
      if (!isCapitalised(w)) continue; // a connector: kept only if a name word follows
      // "Department of State" but not "Department of Homeland Security Secretary …"
      const afterConnector = !isCapitalised(run[j - 1].text);
      if (NOT_NAMES.has(bare(w)) || (TITLE_WORDS.has(bare(w)) && !afterConnector)) break;
      end = j;
    }
  }
  let words = run.slice(0, end + 1);
  if (words.length < 2) return [];
  const out: Candidate[] = [];
  // a known name in front is its own entity ("White House National Security Council"), but a
  // company keeps its brand ("Toyota Motor Corp.")
  const corporate = CORPORATE_SUFFIXES.has(words.at(-1)!.text.toLowerCase());
  for (let cut = words.length - 2; cut >= 1 && !corporate; cut--) {
    const prefix = text.slice(words[0].start, words[cut - 1].end);
    if (words.length - cut >= 2 && isKnownName(prefix) && !BOUND_PREFIXES.has(prefix.toLowerCase())) {
      out.push({
        type: lookupCountry(prefix) ? 'LOC' : 'ORG',
        start: words[0].start,
        end: words[cut - 1].end,
        text: prefix,
        source: 'rule',
      });
      words = words.slice(cut);
      break;
    }
  }
  const start = words[0].start;
  const stop = words.at(-1)!.end;
  out.push({ type: 'ORG', start, end: stop, text: text.slice(start, stop), source: 'rule' });
  return out;
}

let firstWords: Set<string> | undefined;

/** First words of every curated or gazetteer name, lower-cased: most capitalised words start none. */
function knownFirstWords(): Set<string> {
  firstWords ??= new Set(
    [...countryAndDemonymNames(), ...[...organizationNames()].map((n) => normalizeApostrophes(n).toLowerCase())].map(
      (n) => n.split(' ')[0],
    ),
  );
  return firstWords;
}

/**
 * Multi-word names and demonyms from the curated lists and gazetteer, longest first, which a tagger
 * may cut in pieces ("Democratic People's Republic of Korea" → MISC "Democratic" + LOC "Republic
 * of Korea"; "North Korean" → MISC "Korean").
 */
function knownPhrases(text: string): Candidate[] {
  const found: Candidate[] = [];
  const runs = /\p{Lu}[\p{L}\p{M}.'’-]*(?:\s(?:(?:of|the|and)\s)?\p{Lu}[\p{L}\p{M}.'’-]*)*/gu;
  for (const run of text.matchAll(runs)) {
    const words = wordsOf(run[0], run.index).filter((w) => isCapitalised(w.text));
    let i = 0;
    while (i < words.length) {
      if (
        !knownFirstWords().has(
          normalizeApostrophes(words[i].text)
            .toLowerCase()
            .replace(/['’]s$/u, ''),
        )
      ) {
        i++;
        continue;
      }
      let matched = -1;
      // one word only when it is an acronym ("NATO", "U.N."): single capitalised words are the model's call
      const shortest = ACRONYM.test(words[i].text.replace(/['’]s$/u, '')) ? i : i + 1;
      for (let j = words.length - 1; j >= shortest && matched < 0; j--) {
        let phrase = text.slice(words[i].start, words[j].end).replace(/['’]s$/u, '');
        if (phrase.endsWith('.') && !ABBREVIATION.test(phrase)) phrase = phrase.slice(0, -1);
        const demonym = lookupDemonym(phrase) !== undefined;
        if (demonym || isKnownName(phrase)) {
          const type = demonym ? 'MISC' : lookupCountry(phrase) ? 'LOC' : 'ORG';
          found.push({
            type,
            start: words[i].start,
            end: words[i].start + phrase.length,
            text: phrase,
            source: 'rule',
          });
          matched = j;
        }
      }
      i = matched >= 0 ? matched + 1 : i + 1;
    }
  }
  return found;
}

/** A known organization in brackets, as datelines credit agencies: "SEOUL (AP) —", "(Reuters)". */
function bracketedAgencies(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(/\((\p{Lu}[\p{L}.]{1,12})\)/gu)) {
    if (knownOrganization(m[1]))
      found.push({ type: 'ORG', start: m.index + 1, end: m.index + 1 + m[1].length, text: m[1], source: 'rule' });
  }
  return found;
}

/** Rule spans of `text`, the earlier rule winning where two overlap. */
export function ruleSpans(text: string): Candidate[] {
  const rules: Candidate[] = [];
  const claimed = new Uint8Array(text.length);
  for (const c of [
    ...eastAsianNames(text),
    ...headedOrganizations(text),
    ...knownPhrases(text),
    ...bracketedAgencies(text),
  ]) {
    if (claimed.subarray(c.start, c.end).some((x) => x === 1)) continue;
    claimed.fill(1, c.start, c.end);
    rules.push(c);
  }
  return rules.sort((a, b) => a.start - b.start);
}

/** Acronyms a text defines itself: "Korean Central News Agency (KCNA)" → KCNA. */
export function definedAcronyms(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(
    /((?:\p{Lu}[\p{L}'’.-]*\s+(?:(?:of|for|and|the|on)\s+)?){1,8})\((\p{Lu}[\p{Lu}.&]{1,9})\)/gu,
  )) {
    const long = m[1].trim();
    const acronym = m[2];
    if (initialsMatch(acronym, long)) found.set(acronym, normalizeApostrophes(long.replace(/^the\s+/i, '')));
  }
  return found;
}

/** True when the acronym's letters are the initials of the phrase's capitalised words, in order. */
export function initialsMatch(acronym: string, phrase: string): boolean {
  const letters = acronym.replace(/[^\p{Lu}]/gu, '');
  const initials = wordsOf(phrase)
    .filter((w) => isCapitalised(w.text))
    .map((w) => w.text[0])
    .join('');
  return letters.length >= 2 && initials.endsWith(letters) && initials.length - letters.length <= 1;
}
