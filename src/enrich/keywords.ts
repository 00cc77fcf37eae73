// Keywords: the terms that set one article apart from newswire in general. A word scores by
// how often the article uses it (headline counts extra) times how rare it is across wire
// stories (document frequencies from CoNLL-2003 Reuters text, scripts/build-keyword-idf.ts).
// Runs of two or three content words that recur ("interest rates", "Kim Jong Un") compete
// as phrases and win over their single words, since a phrase says more than its parts.
// The headline only boosts terms the body also uses: headline-only words are mostly verbs
// ("slams", "unveils") and headline-only phrases accidents of headline grammar.
import { readFileSync } from 'node:fs';

export interface KeywordOptions {
  /** How many keywords to return. Default 10. */
  limit?: number;
  /** Names and mentions of the article's entities: a keyword that is only part of one ("Jong Un") is left out. */
  entityNames?: string[];
}

/*
 * What a desk would not keep, each rule read off keywords of eng.train stories (the report set,
 * eng.testa, was only sampled after): a contraction ("didn't"), an adverb ("particularly"), a
 * month range ("Jan-April"), a phrase that runs a name into a verb or noun ("Kevorkian attended",
 * "accused Pakistan"), or that cuts a name ("President Saddam" of Saddam Hussein), that ends on
 * a word which only opens a title ("Taiwanese Vice"), or a lone -ing word in passing ("regarding").
 */
const CONTRACTION = /n't$|^\p{L}+['’](?:m|re|ve|ll|d)$/iu;
const ADVERB =
  /^\p{Ll}{2,}(?:ally|ously|ively|ently|antly|ately|fully|ibly|ably|arly|edly|ingly|tly|ckly|ely|ghly|lmly|mly|ngly|wly)$/u;
const MONTHS =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|q[1-4]|h[12])$/;
const TITLE_OPENERS = new Set(['vice', 'deputy', 'acting', 'interim', 'lt', 'gen', 'president', 'minister', 'manager']);
/** Titles that can stand alone as what a story is about ("the manager" of a sacked coach). */
const TITLE_WORDS_ALONE = new Set(['president', 'minister', 'manager']);

/** "regarding", "experiencing": a lone -ing word used once or twice; "bombing" the story is about recurs. */
function passingGerund(surface: string, count = 0): boolean {
  return /^\p{Ll}{3,}ing$/u.test(surface) && count < 3;
}

/**
 * A verb or adverb by the wire's own usage (keyword-pos.json, from the part-of-speech column of
 * CoNLL-2003 eng.train): "knows", "prevent", "reopen" alone, "Obviously" in any case; a phrase
 * that ends on a verb ("members expressed", "games played"), but not one that opens on a
 * participle ("attempted murder", "recalled fly-half"). A capitalised form
 * is a name ("Rose", "Bush"), and a word this article puts after "the" or "a" is a noun here
 * ("the ban", "a try").
 */
function verbal(surface: string, nouns: ReadonlySet<string>): boolean {
  const { verbs, adverbs } = posLists();
  const words = surface.split(' ');
  const isVerb = (w: string) => /^\p{Ll}/u.test(w) && verbs.has(w) && !nouns.has(w);
  if (words.length > 1) return isVerb(words.at(-1)!);
  return isVerb(words[0]) || adverbs.has(words[0].toLowerCase());
}

function junk(surface: string): boolean {
  const words = surface.split(' ');
  if (words.length === 1) {
    const w = words[0];
    const lower = w.toLowerCase();
    return (
      CONTRACTION.test(w) ||
      ADVERB.test(w) ||
      lower.split('-').every((p) => MONTHS.test(p)) ||
      (TITLE_OPENERS.has(lower) && !TITLE_WORDS_ALONE.has(lower))
    );
  }
  return TITLE_OPENERS.has(words.at(-1)!.toLowerCase());
}

interface DfTable {
  documents: number;
  df: Record<string, number>;
}

let table: DfTable | undefined;
let pos: { verbs: Set<string>; adverbs: Set<string> } | undefined;

/** The shipped verb and adverb lists (keyword-pos.json), read once, on first use. */
function posLists(): { verbs: Set<string>; adverbs: Set<string> } {
  if (!pos) {
    const file = JSON.parse(readFileSync(new URL('./keyword-pos.json', import.meta.url), 'utf8')) as {
      verbs: string[];
      adverbs: string[];
    };
    pos = { verbs: new Set(file.verbs), adverbs: new Set(file.adverbs) };
  }
  return pos;
}
/** The shipped table is read once, on first use. */
function dfTable(): DfTable {
  table ??= JSON.parse(readFileSync(new URL('./keyword-df.json', import.meta.url), 'utf8')) as DfTable;
  return table;
}

const TITLE_BOOST = 2;
/** A phrase's score is multiplied by 1 + PHRASE_BONUS × its word count: longer says more. */
const PHRASE_BONUS = 0.2;
const MIN_WORD_LENGTH = 2;

/** Words, kept apart by punctuation so a phrase never spans a sentence or clause break. */
const CHUNK = /[^.,;:!?()"“”‘’[\]{}—–\n]+/g;
/** Letters first, so the "th" of "11th" is not a word. */
const WORD = /(?<![\p{L}\p{N}])\p{L}(?:[\p{L}\p{N}'’-]*\p{L})?/gu;

export function extractKeywords(title: string | undefined, bodyText: string, options: KeywordOptions = {}): string[] {
  const { limit = 10 } = options;
  const names = (options.entityNames ?? []).map((n) => ` ${n.toLowerCase().replace(/['’]s\b/g, '')} `);
  const fragment = (key: string): boolean => names.some((n) => n.includes(` ${key} `) && n !== ` ${key} `);
  const nameWords = new Set(names.flatMap((n) => n.trim().split(' ')));
  const longNames = names.filter((n) => n.trim().includes(' '));
  // "President Saddam" (cuts Saddam Hussein), "Kevorkian attended" (runs a name into lower-case words)
  const cutsName = (key: string, surface: string): boolean => {
    const words = key.split(' ');
    if (words.length < 2 || !words.some((w) => nameWords.has(w))) return false;
    if (surface.split(' ').some((w) => /^\p{Ll}/u.test(w))) return true;
    return longNames.some(
      (n) => words.some((w) => n.includes(` ${w} `)) && !` ${key} `.includes(n) && !n.includes(` ${key} `),
    );
  };
  const { documents, df } = dfTable();
  const idf = (word: string): number => Math.log((documents + 1) / ((df[word] ?? 0) + 1));

  const wordCount = new Map<string, number>();
  const phraseCount = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  const titleTerms = new Set<string>();
  const nouns = new Set<string>();
  const addText = (text: string, inTitle: boolean): void => {
    const count = (counts: Map<string, number>, key: string): void => {
      if (inTitle) titleTerms.add(key);
      else counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    for (const [chunk] of text.matchAll(CHUNK)) {
      let run: string[] = [];
      let runSurface: string[] = [];
      const endRun = (): void => {
        for (let n = 2; n <= 3; n++) {
          for (let i = 0; i + n <= run.length; i++) {
            const key = run.slice(i, i + n).join(' ');
            count(phraseCount, key);
            if (!inTitle) noteSurface(surface, key, runSurface.slice(i, i + n).join(' '));
          }
        }
        run = [];
        runSurface = [];
      };
      let previous = '';
      for (const [raw] of chunk.matchAll(WORD)) {
        const word = raw.replace(/['’]s$/i, '');
        const lower = word.toLowerCase();
        if (DETERMINERS.has(previous)) nouns.add(lower);
        previous = lower;
        if (lower.length < MIN_WORD_LENGTH || STOPWORDS.has(lower) || AGENCIES.has(lower)) {
          endRun();
          continue;
        }
        count(wordCount, lower);
        if (!inTitle) noteSurface(surface, lower, word);
        run.push(lower);
        runSurface.push(word);
      }
      endRun();
    }
  };
  addText(bodyText, false);
  if (title) addText(title, true);
  const frequency = (key: string, bodyCount: number): number => bodyCount + (titleTerms.has(key) ? TITLE_BOOST : 0);

  const candidates: { key: string; score: number }[] = [];
  for (const [word, bodyCount] of wordCount) {
    candidates.push({ key: word, score: (1 + Math.log(frequency(word, bodyCount))) * idf(word) });
  }
  for (const [phrase, bodyCount] of phraseCount) {
    const tf = frequency(phrase, bodyCount);
    // A phrase seen once is usually an accident of word order.
    if (tf < 2) continue;
    const words = phrase.split(' ');
    const meanIdf = words.reduce((sum, w) => sum + idf(w), 0) / words.length;
    candidates.push({
      key: phrase,
      score: (1 + Math.log(tf)) * meanIdf * (1 + PHRASE_BONUS * words.length),
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));

  const chosen: typeof candidates = [];
  for (const candidate of candidates) {
    if (chosen.length >= limit) break;
    // Skip a word or phrase already inside a chosen phrase, and a phrase that repeats a choice.
    const overlaps = chosen.some(
      (c) => ` ${c.key} `.includes(` ${candidate.key} `) || ` ${candidate.key} `.includes(` ${c.key} `),
    );
    if (overlaps || fragment(candidate.key) || isPastTense(candidate.key)) continue;
    const form = mostCommon(surface.get(candidate.key)!);
    if (
      junk(form) ||
      verbal(form, nouns) ||
      cutsName(candidate.key, form) ||
      passingGerund(form, wordCount.get(candidate.key))
    )
      continue;
    chosen.push(candidate);
  }
  return chosen.map((c) => mostCommon(surface.get(c.key)!));
}

function noteSurface(surface: Map<string, Map<string, number>>, key: string, form: string): void {
  const forms = surface.get(key) ?? new Map<string, number>();
  forms.set(form, (forms.get(form) ?? 0) + 1);
  surface.set(key, forms);
}

/** The spelling used most often; lowercase wins ties so sentence-initial capitals drop away. */
function mostCommon(forms: Map<string, number>): string {
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0][0];
}

/** Wire agencies credit the story; they are not what it is about ("Reuter" signs off 1980s copy). */
const AGENCIES = new Set([
  'ap',
  'reuters',
  'reuter',
  'afp',
  'upi',
  'dpa',
  'efe',
  'ansa',
  'pti',
  'xinhua',
  'kyodo',
  'bernama',
]);

/** Words after which the next one is read as a noun in this article ("the ban", "a try"). */
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'his', 'her', 'its', 'their', 'our', 'your']);

/**
 * "crossed", "announced": a past tense alone says what happened, not what the story is about;
 * inside a phrase it may be an adjective ("armoured train"), so only single words are left out.
 */
function isPastTense(key: string): boolean {
  return key.length >= 5 && /^\p{Ll}+ed$/u.test(key) && !/eed$/.test(key);
}

/** Function words plus words every news story uses (reporting verbs, days, months, numbers). */
const STOPWORDS = new Set(
  `a about above after again against all almost along already also although always am among an
  and another any anyone anything are around as at away back be became because become been
  before being below between both but by came can cannot could did do does doing done down
  during each either else enough even ever every few for from further get gets getting give
  given go goes going gone got had has have having he her here hers herself him himself his how
  however i if in including instead into is it its itself just last least less like likely made
  make makes many may me might more most much must my myself near nearly neither never new next
  no nor not now of off often on once one only onto or other others our ours ourselves out over
  own per perhaps put rather really said same say saying says see seen several shall she should
  since so some such than that the their theirs them themselves then there these they this
  those though through thus to together too took toward towards under until up upon us used
  very via was way we well went were what whatever when where whether which while who whom
  whose why will with within without would yet you your yours yourself
  according added adding asked called cent percent told tuesday wednesday thursday friday
  saturday sunday monday january february march april june july august september october
  november december year years week weeks month months day days today yesterday tomorrow time
  times two three four five six seven eight nine ten first second third later earlier former
  mr mrs ms dr people part statement spokesman spokeswoman spokesperson news reporters
  million billion trillion percent expected says including late early story stories article
  report reports reporting photo photos video update updated editor associated press
  pct mln bln yr yrs vs nb year-old dlr dlrs cts shr shrs qtr mths revs avg oper stg`
    .split(/\s+/)
    .filter(Boolean),
);
