import { normalizeWord } from './features.js';
import { tokenize } from './tokenize.js';

// Name lists as tagger features: each token learns whether it begins, continues or alone forms a
// listed name of some type. The perceptron weighs how far to trust each list, so a noisy list
// (cities called "Reading" or "Mobile") costs little.

/** A name list: lower-cased phrase (tokens joined by one space) → list labels, e.g. ['LOC', 'city']. */
export type GazetteerEntries = Record<string, string[]>;

export class Gazetteer {
  /** Phrase → its features as single word, first word and later word: "gz:LOC:U", "gz:LOC:B", "gz:LOC:I". */
  private readonly entries = new Map<string, { U: string[]; B: string[]; I: string[] }>();
  /** Every phrase's first words ("new", "new york" of "new york city"): a lookup stops where none goes on. */
  private readonly prefixes = new Set<string>();
  private readonly maxTokens: number;

  constructor(entries: GazetteerEntries) {
    let max = 1;
    for (const [phrase, labels] of Object.entries(entries)) {
      const words = phrase.split(' ');
      max = Math.max(max, words.length);
      for (let k = 1; k < words.length; k++) this.prefixes.add(words.slice(0, k).join(' '));
      this.entries.set(phrase, {
        U: labels.map((l) => `gz:${l}:U`),
        B: labels.map((l) => `gz:${l}:B`),
        I: labels.map((l) => `gz:${l}:I`),
      });
    }
    this.maxTokens = Math.min(max, 8);
  }

  /** Per token, features such as "gz:LOC:B" for every listed phrase that covers it. */
  features(words: string[]): string[][] {
    const out: string[][] = words.map(() => []);
    const lower = words.map((w) => w.toLowerCase());
    for (let i = 0; i < words.length; i++) {
      // a name starts with a capital (or digit); lower-case "china" or "turkey" is not listed
      if (!/^[\p{Lu}\p{N}]/u.test(words[i])) continue;
      let phrase = '';
      for (let len = 1; len <= this.maxTokens && i + len <= words.length; len++) {
        phrase = len === 1 ? lower[i] : `${phrase} ${lower[i + len - 1]}`;
        const found = this.entries.get(phrase);
        if (found) {
          if (len === 1) out[i].push(...found.U);
          else {
            out[i].push(...found.B);
            for (let k = i + 1; k < i + len; k++) out[k].push(...found.I);
          }
        }
        if (!this.prefixes.has(phrase)) break;
      }
    }
    return out;
  }
}

/** Adds `label` to each phrase, tokenized as running text would be, keeping labels unique. */
export function addEntries(target: GazetteerEntries, phrases: Iterable<string>, label: string): void {
  for (const raw of phrases) {
    const phrase = tokenize(raw)
      .map((t) => normalizeWord(t.text).toLowerCase())
      .join(' ');
    if (!phrase) continue;
    const labels = (target[phrase] ??= []);
    if (!labels.includes(label)) labels.push(label);
  }
}
