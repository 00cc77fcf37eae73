// The tagger's feature templates. Training and tagging share these functions, so a model always
// sees at run time exactly the features it was trained on. Templates follow the usual strong
// baseline for CoNLL-2003 (Ratinov & Roth 2009): the word, its shape and affixes, a ±2 window,
// runs of capitalised words, name-list matches, and the previous tag (decoded with Viterbi).

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];

/** Document-context feature of sports reports; it conjoins with name-list matches (clubs named for cities). */
export const SPORTS_DOCUMENT = 'doc:sport';

/** Typographic quotes and dashes → the ASCII forms of Reuters copy, so "Moscow’s" reads like "Moscow's". */
export function normalizeWord(word: string): string {
  return word
    .replace(/[’‘‛`]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[—–―]/g, '-');
}

/** "Kim" → "Xxx", "1996-08-22" → "dddd-dd-dd"; runs longer than four are cut to four. */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = ch >= '0' && ch <= '9' ? 'd' : ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 4) shape += c;
  }
  return shape;
}

/** Shape with every run collapsed: "Kim" → "Xx", "U.S." → "X.X.". */
export function shortShape(word: string): string {
  return wordShape(word).replace(/(.)\1+/g, '$1');
}

/** Lower-cased, digits folded to 0 so "1996" and "1997" share weights. */
export function lexical(word: string): string {
  return word.toLowerCase().replace(/[0-9]/g, '0');
}

/**
 * Features of a word by itself, whatever its context. The tagger sums their weights once per
 * distinct word and caches the sum, which is most of the work of tagging.
 */
export function wordFeatures(w: string): string[] {
  const lw = lexical(w);
  const f = ['bias', `w=${lw}`, `W=${w}`, `sh=${wordShape(w)}`, `ss=${shortShape(w)}`];
  for (let k = 1; k <= 4 && k <= lw.length; k++) {
    f.push(`p${k}=${lw.slice(0, k)}`, `s${k}=${lw.slice(-k)}`);
  }
  if (/^\p{Lu}/u.test(w)) f.push('cap');
  if (/\p{L}/u.test(w) && w === w.toUpperCase() && w.length > 1) f.push('allcaps');
  if (/[0-9]/.test(w)) f.push('digit');
  if (w.includes('-')) f.push('hyphen');
  if (w.includes('.')) f.push('period');
  return f;
}

/**
 * Receives one feature of token i, written `${name}=${a}|${b}|${c}` (parts left out when
 * undefined: `first`, `w-1=kim`, `w-1w=the|kim`). The tagger looks the parts up without
 * joining them; training joins them (featureName).
 */
export type FeatureVisitor = (i: number, name: string, a?: string, b?: string, c?: string) => void;

/** The string form of a feature given to a FeatureVisitor, as stored in the model. */
export function featureName(name: string, a?: string, b?: string, c?: string): string {
  if (a === undefined) return name;
  if (b === undefined) return `${name}=${a}`;
  return c === undefined ? `${name}=${a}|${b}` : `${name}=${a}|${b}|${c}`;
}

/**
 * Features of each token that depend on its sentence and document but not on predicted tags
 * (the word's own features are in wordFeatures). `words` are already normalized; `listed[i]` are the gazetteer features of token i and
 * `context[i]` its document-context features, if the sentence came with a document.
 */
export function tokenFeatures(words: string[], listed: string[][], context?: string[][]): string[][] {
  const n = words.length;
  const forms: Record<Form, string[]> = { lex: words.map(lexical), short: words.map(shortShape), raw: words };
  const all: string[][] = words.map((_, i) =>
    WINDOW_TEMPLATES.map(({ name, parts }) => {
      const [a, b, c] = parts.map(([offset, form]) => windowPart(forms[form], i + offset, n));
      return featureName(name, a, b, c);
    }),
  );
  visitTokenFeatures(words, forms.lex, forms.short, listed, context, (i, name, a, b, c) =>
    all[i].push(featureName(name, a, b, c)),
  );
  return all;
}

/** A form of token j, or the sentence's edge beyond it. */
export function windowPart(forms: string[], j: number, n: number): string {
  return j < 0 ? '<s>' : j >= n ? '</s>' : forms[j];
}

/** The forms of a token window features read: lexical(), shortShape(), or the word as written. */
export type Form = 'lex' | 'short' | 'raw';

/**
 * Features of the words around a token, first among its features: `${name}=${parts}`, each
 * part a form of the token at an offset from it (windowPart). Listed as data so the tagger can
 * look one up by the tokens it reads instead of by its string.
 */
export const WINDOW_TEMPLATES: { name: string; parts: [offset: number, form: Form][] }[] = [
  { name: 'w-1', parts: [[-1, 'lex']] },
  { name: 'w+1', parts: [[1, 'lex']] },
  { name: 'w-2', parts: [[-2, 'lex']] },
  { name: 'w+2', parts: [[2, 'lex']] },
  { name: 'ss-1', parts: [[-1, 'short']] },
  { name: 'ss+1', parts: [[1, 'short']] },
  { name: 'ss-2', parts: [[-2, 'short']] },
  { name: 'ss+2', parts: [[2, 'short']] },
  {
    name: 'w-1w',
    parts: [
      [-1, 'lex'],
      [0, 'lex'],
    ],
  },
  {
    name: 'ww+1',
    parts: [
      [0, 'lex'],
      [1, 'lex'],
    ],
  },
  {
    name: 'ss-1ss+1',
    parts: [
      [-1, 'short'],
      [0, 'short'],
      [1, 'short'],
    ],
  },
  {
    name: 'w-1ss',
    parts: [
      [-1, 'lex'],
      [0, 'short'],
    ],
  },
  {
    name: 'ssw+1',
    parts: [
      [0, 'short'],
      [1, 'lex'],
    ],
  },
  { name: 'W-1', parts: [[-1, 'raw']] },
  { name: 'W+1', parts: [[1, 'raw']] },
];

const RUN_LENGTHS = ['1', '2', '3', '4'];
/** "gz:LOC:B" → "gz:LOC:B|cap", "prev|gz:LOC:B", …: a handful of strings, built once each. */
const listedNames = new Map<string, { cap: string; prev: string; next: string; sport: string }>();
function listedName(g: string) {
  let names = listedNames.get(g);
  if (!names)
    listedNames.set(g, (names = { cap: `${g}|cap`, prev: `prev|${g}`, next: `next|${g}`, sport: `sport|${g}` }));
  return names;
}

/**
 * The features of each token after its window features, one at a time and in tokenFeatures'
 * order, for callers that look features up by their parts; `lex` and `short` are lexical() and
 * shortShape() of each word.
 */
export function visitTokenFeatures(
  words: string[],
  lex: string[],
  short: string[],
  listed: string[][],
  context: string[][] | undefined,
  visit: FeatureVisitor,
): void {
  const n = words.length;
  // headlines in capitals ("SOCCER - JAPAN GET LUCKY WIN") make capitalisation uninformative
  const letters = words.join('').replace(/[^\p{L}]/gu, '');
  const shouting = letters.length > 8 && letters === letters.toUpperCase();

  const runs = shouting ? [] : capitalisedRuns(words);
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const lw = lex[i];
    const run = runs[i];
    if (run) {
      const [first, last] = run;
      const place = first === last ? 'U' : i === first ? 'B' : i === last ? 'E' : 'I';
      visit(i, 'run', place);
      visit(i, 'run-last', lex[last]);
      visit(i, 'run-first', lex[first]);
      visit(i, 'run-len', RUN_LENGTHS[Math.min(4, last - first + 1) - 1], place);
      if (first > 0) visit(i, 'run-before', lex[first - 1]);
      if (last + 1 < n) visit(i, 'run-after', lex[last + 1]);
    }
    const cap = /^\p{Lu}/u.test(w) ? 'true' : 'false';
    if (i === 0) {
      visit(i, 'first');
      visit(i, 'first|ss', short[i]);
      visit(i, 'first|w', lw);
    }
    if (shouting) {
      visit(i, 'shout');
      visit(i, 'shout|w', lw);
    }
    for (const g of listed[i]) {
      visit(i, g);
      visit(i, listedName(g).cap, cap);
    }
    if (i > 0) for (const g of listed[i - 1]) visit(i, listedName(g).prev);
    if (i + 1 < n) for (const g of listed[i + 1]) visit(i, listedName(g).next);
    if (context) {
      for (const f of context[i]) visit(i, f);
      if (context[i].includes(SPORTS_DOCUMENT)) for (const g of listed[i]) visit(i, listedName(g).sport);
    }
  }
}

// Lower-case words that may sit inside a name: "Bank of England", "Procter & Gamble".
const CONNECTORS = new Set([
  'of',
  'and',
  '&',
  'de',
  'du',
  'des',
  'del',
  'della',
  'dello',
  'di',
  'da',
  'la',
  'le',
  'von',
  'van',
  'der',
  'den',
  'for',
  'the',
  "'s",
  'y',
  'al',
  'el',
  'bin',
  'st',
]);

// Capitalised words that open a run of capitals without being part of the name:
// "The Commerce Department", "August Chicago NAPM", "On Monday Reuters".
const NOT_NAME_START = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'in',
  'on',
  'at',
  'for',
  'and',
  'but',
  'by',
  'from',
  'to',
  'with',
  'as',
  'if',
  'when',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/**
 * For each token inside a run of capitalised words (possibly joined by connectors), the run's
 * first and last token index. The run's last word ("Board", "Inc", "University") often names
 * the entity type of the whole run.
 */
function capitalisedRuns(words: string[]): ([number, number] | undefined)[] {
  const runs: ([number, number] | undefined)[] = words.map(() => undefined);
  const capital = (w: string | undefined) => w !== undefined && /^\p{Lu}/u.test(w);
  let i = 0;
  while (i < words.length) {
    if (!capital(words[i]) || NOT_NAME_START.has(words[i].toLowerCase())) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < words.length) {
      if (capital(words[j])) last = j;
      else if (!CONNECTORS.has(words[j].toLowerCase())) break;
      j++;
    }
    for (let k = i; k <= last; k++) runs[k] = [i, last];
    i = last + 1;
  }
  return runs;
}

/** Tags a token may follow: every tag, then '<s>' for the sentence start (index TAGS.length). */
export const PREVIOUS = [...TAGS, '<s>'];

/**
 * Templates pairing the previous tag with a property of the current token. The feature is
 * `${name}=${previous}|${key(word)}`; the tagger indexes its weights by template and key so
 * Viterbi reads all previous tags' weights with one lookup per template.
 */
export const HISTORY_TEMPLATES: { name: string; key: (word: string) => string }[] = [
  { name: 't-1', key: () => '' },
  { name: 't-1w', key: lexical },
  { name: 't-1ss', key: shortShape },
];

/** Features of token i that depend on the tag before it ('<s>' at the start of a sentence). */
export function historyFeatures(prev: string, words: string[], i: number): string[] {
  return HISTORY_TEMPLATES.map((t) => `${t.name}=${prev}|${t.key(words[i])}`);
}

/** BIO well-formedness: I-X only continues a B-X or I-X. */
export function allowedAfter(prev: string, tag: string): boolean {
  return !tag.startsWith('I-') || prev.slice(2) === tag.slice(2);
}
