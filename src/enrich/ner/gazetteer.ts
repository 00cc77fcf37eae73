import { normalizeWord } from './features.js';
import { tokenize } from './tokenize.js';

// Name lists as tagger features: each token learns whether it begins, continues or alone forms a
// listed name of some type. The perceptron weighs how far to trust each list, so a noisy list
// (cities called "Reading" or "Mobile") costs little.

/** A name list: lower-cased phrase (tokens joined by one space) → list labels, e.g. ['LOC', 'city']. */
export type GazetteerEntries = Record<string, string[]>;

export class Gazetteer {
  private readonly entries: Map<string, string[]>;
  private readonly maxTokens: number;

  constructor(entries: GazetteerEntries) {
    this.entries = new Map(Object.entries(entries));
    let max = 1;
    for (const phrase of this.entries.keys()) max = Math.max(max, phrase.split(' ').length);
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
        const labels = this.entries.get(phrase);
        if (!labels) continue;
        for (const label of labels) {
          if (len === 1) {
            out[i].push(`gz:${label}:U`);
            continue;
          }
          out[i].push(`gz:${label}:B`);
          for (let k = i + 1; k < i + len; k++) out[k].push(`gz:${label}:I`);
        }
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
