// Raw text → tokens with character offsets, and tokens → sentences, following the CoNLL-2003
// (Penn Treebank-like) conventions the tagger was trained on: punctuation split off, clitics
// ('s, n't, 're …) as their own tokens, abbreviations such as "U.S.", "Mr." and initials kept whole.

export interface Token {
  /** Exactly input.slice(start, end). */
  text: string;
  start: number;
  /** End offset, exclusive. */
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

// Abbreviations that take a period in news copy. TITLES never end a sentence (a name follows);
// the others can ("… of Acme Inc. The company said …").
const TITLES = [
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'Gen',
  'Sen',
  'Rep',
  'Gov',
  'Lt',
  'Col',
  'Sgt',
  'Capt',
  'Cmdr',
  'Adm',
  'Maj',
  'Rev',
  'Fr',
  'Pres',
  'Supt',
  'Insp',
  'Cpl',
  'Pvt',
  'Hon',
  'Messrs',
  'Mme',
  'Mt',
  'Ft',
  'St',
  'No',
  'vs',
  'Nos',
  'Gens',
  'Sens',
  'Reps',
];
const OTHER_ABBREVIATIONS = [
  'Inc',
  'Corp',
  'Co',
  'Ltd',
  'Bros',
  'Jr',
  'Sr',
  'Plc',
  'Cos',
  'Assn',
  'Dept',
  'Univ',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'Ave',
  'Blvd',
  'Rd',
  'approx',
  'est',
  'etc',
  'Ariz',
  'Calif',
  'Colo',
  'Conn',
  'Fla',
  'Ga',
  'Ill',
  'Ind',
  'Kan',
  'Ky',
  'La',
  'Md',
  'Mass',
  'Mich',
  'Minn',
  'Miss',
  'Mo',
  'Mont',
  'Neb',
  'Nev',
  'Okla',
  'Ore',
  'Pa',
  'Tenn',
  'Tex',
  'Va',
  'Vt',
  'Wash',
  'Wis',
  'Wyo',
];
const TITLE_SET = new Set(TITLES.map((t) => `${t}.`));

const WORD = String.raw`[\p{L}\p{M}\p{N}]+(?:[-'’&][\p{L}\p{M}\p{N}]+)*`;
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`https?://[^\s<>"“”]*[^\s<>"“”.,;:!?)'’]`,
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    // acronyms and initials with periods: U.S., U.N., a.m., F.C., J.
    String.raw`(?:\p{L}\.){2,}(?!\p{L})`,
    String.raw`\p{Lu}\.(?=\s|$)`,
    String.raw`(?:${[...TITLES, ...OTHER_ABBREVIATIONS].join('|')})\.(?![\p{L}\p{N}])`,
    // numbers keep their separators and suffixes: 1,000  3.5  7:30  1996-08-22  19th  3-year-old
    String.raw`\p{N}+(?:[.,:/]\p{N}+)*(?:-?${WORD})?`,
    WORD,
    String.raw`\.{2,}|-{2,}|…`,
    String.raw`\S`,
  ].join('|'),
  'gu',
);

// Clitics that CoNLL splits off the word before them: "Moscow's" → "Moscow" "'s".
const CLITIC = /(?:n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;

/** Tokens of `text` with their character offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const word = match[0];
    const start = match.index;
    const clitic = CLITIC.exec(word);
    if (clitic && clitic.index > 0 && /\p{L}/u.test(word[0])) {
      const cut = start + clitic.index;
      tokens.push({ text: word.slice(0, clitic.index), start, end: cut });
      tokens.push({ text: clitic[0], start: cut, end: start + word.length });
    } else {
      tokens.push({ text: word, start, end: start + word.length });
    }
  }
  return tokens;
}

const TERMINATORS = new Set(['.', '!', '?', '…', '...']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);
// Words that start a new sentence after an ambiguous abbreviation ("… Acme Inc. The …").
const SENTENCE_STARTERS = new Set([
  'The',
  'A',
  'An',
  'He',
  'She',
  'It',
  'They',
  'We',
  'I',
  'But',
  'In',
  'On',
  'At',
  'This',
  'That',
  'These',
  'Those',
  'His',
  'Her',
  'Their',
  'Its',
  'And',
  'As',
  'If',
  'When',
  'While',
  'After',
  'Before',
  'There',
  'Some',
  'Many',
  'Officials',
  'According',
]);

/** Splits text into sentences at terminal punctuation and blank lines; tokens carry offsets. */
export function splitSentences(text: string): Sentence[] {
  const tokens = tokenize(text);
  const sentences: Sentence[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length === 0) return;
    sentences.push({ start: current[0].start, end: current[current.length - 1].end, tokens: current });
    current = [];
  };
  let lineStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // the gap before the token is only cut out where it holds a line break
    if (i > 0 && lineBreakIn(text, tokens[i - 1].end, token.start)) {
      const gap = text.slice(tokens[i - 1].end, token.start);
      if (current.length > 0 && (/\n[^\S\n]*\n/.test(gap) || lineEndsSentence(tokens.slice(lineStart, i), token))) {
        flush();
      }
      lineStart = i;
    }
    current.push(token);
    // closing quotes and brackets right after the terminator belong to the sentence they close
    let close = i;
    while (
      close + 1 < tokens.length &&
      CLOSERS.has(tokens[close + 1].text) &&
      tokens[close + 1].start === tokens[close].end
    ) {
      close++;
    }
    const next = tokens[close + 1];
    if (!next || !endsSentence(token, next)) continue;
    while (i < close) current.push(tokens[++i]);
    flush();
  }
  flush();
  return sentences;
}

function lineBreakIn(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/**
 * Wire copy is hard-wrapped, so a single line break usually falls inside a sentence; but a
 * byline ("Vera Haller"), a results row ending in a score, or a line before an all-caps dateline
 * ("VENICE 1996-08-30") ends where its line does.
 */
function lineEndsSentence(line: Token[], next: Token): boolean {
  if (line.length === 0 || !/^[\p{Lu}\p{N}]/u.test(next.text)) return false;
  const last = line[line.length - 1].text;
  if (/[\p{N})]$/u.test(last) || line.length <= 4) return true;
  return /^\p{Lu}{2,}$/u.test(next.text) && last !== last.toUpperCase();
}

function endsSentence(token: Token, next: Token): boolean {
  const startsLikeSentence = /^[\p{Lu}\p{N}"“‘'(]/u.test(next.text);
  if (TERMINATORS.has(token.text)) return startsLikeSentence;
  if (!token.text.endsWith('.') || token.text.length < 2) return false;
  if (TITLE_SET.has(token.text) || /^\p{Lu}\.$/u.test(token.text)) return false;
  // "U.S.", "Inc.": a sentence ends only where an obvious sentence opener follows
  return SENTENCE_STARTERS.has(next.text);
}
