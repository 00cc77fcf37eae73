// Word tokens for cue matching. Text and cues go through the same tokenizer, so a cue such as
// "U.S. Open" or "COVID-19" matches however the text spaces its punctuation, and every match
// falls on word boundaries by construction.

export interface Token {
  /** As written, with a plural "s" folded away (for case-sensitive cues such as "AI"). */
  exact: string;
  /** Lowercased and folded the same way. */
  folded: string;
  /** Lowercased, unfolded: what prefix cues ("vaccin*") compare against. */
  lower: string;
  /** Written in capitals throughout ("SOCCER"), so its case carries no meaning. */
  shouted: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [word] of text.matchAll(WORD)) {
    const lower = word.toLowerCase();
    const shouted = word.length > 1 && word !== lower && word === word.toUpperCase();
    tokens.push({ exact: foldPlural(word), folded: foldPlural(lower), lower, shouted });
  }
  return tokens;
}

/** Light plural folding so "election" also finds "elections" and "casualty" "casualties". */
export function foldPlural(word: string): string {
  if (word.length <= 3) return word;
  if (/ies$/i.test(word) && word.length > 4) return word.slice(0, -3) + (isUpper(word) ? 'Y' : 'y');
  if (/[^s]s$/i.test(word) && !/(us|is)$/i.test(word)) return word.slice(0, -1);
  return word;
}

function isUpper(word: string): boolean {
  return word === word.toUpperCase();
}
