// Document context: a name is usually written the same way several times in one article, and
// some of those mentions sit in telling contexts ("Ontario-based Magna", "Magna Inc", "Mr. Magna").
// Each capitalised token sees the neighbouring words of the same word's other mentions in the
// document (context aggregation, Ratinov & Roth 2009), so the contexts vote across the article.

import { lexical, shortShape, SPORTS_DOCUMENT } from './features.js';

/** Cap on mentions aggregated per word, so a word repeated fifty times costs no more than ten. */
const MAX_MENTIONS = 10;

interface Mention {
  sentence: number;
  index: number;
  /**
   * What the mention tells the word's other mentions: its neighbours ("doc:w-1=mr") and their
   * shapes ("doc:ss-1=Xx": "Xx" before a surname is usually a first name), built once per mention.
   */
  features: [prev: string, next: string, prevShape: string, nextShape: string];
}

// Words that mark a sports report, where city names usually stand for clubs ("Seattle beat Texas").
const SPORT_WORDS = new Set([
  'soccer',
  'football',
  'rugby',
  'cricket',
  'baseball',
  'basketball',
  'hockey',
  'tennis',
  'golf',
  'league',
  'match',
  'matches',
  'goal',
  'goals',
  'innings',
  'homer',
  'halftime',
  'half-time',
  'championship',
  'season',
  'striker',
  'midfielder',
  'coach',
  'scored',
  'wickets',
  'inning',
  'playoff',
  'semifinal',
  'quarter-final',
  'draw',
]);

/** At least two sport words: a sports report, where a city the tagger reads as a team is one. */
export function isSportsReport(text: string): boolean {
  SPORT_WORD.lastIndex = 0;
  return SPORT_WORD.test(text) && SPORT_WORD.test(text);
}

/** One of SPORT_WORDS as a whole word, any case; global, so two tests find two. */
const SPORT_WORD = new RegExp(`(?<![\\p{L}-])(?:${[...SPORT_WORDS].join('|')})(?![\\p{L}-])`, 'giu');

const NONE: string[] = Object.freeze([]) as unknown as string[];

/**
 * Per sentence, per token, the document-context features of that token.
 * `sentences` are the document's normalized words, sentence by sentence.
 */
export function documentFeatures(sentences: string[][]): string[][][] {
  const mentions = new Map<string, Mention[]>();
  const lowered = new Set<string>();
  let sportWords = 0;
  sentences.forEach((words, sentence) => {
    words.forEach((w, index) => {
      if (SPORT_WORDS.has(w.toLowerCase())) sportWords++;
      if (!/^\p{Lu}/u.test(w)) {
        lowered.add(w);
        return;
      }
      let list = mentions.get(w);
      if (!list) mentions.set(w, (list = []));
      if (list.length < MAX_MENTIONS + 1) {
        const prev = index > 0 ? lexical(words[index - 1]) : '<s>';
        const next = index + 1 < words.length ? lexical(words[index + 1]) : '</s>';
        const prevShape = words[index - 1] === undefined ? '<s>' : shortShape(words[index - 1]);
        const nextShape = words[index + 1] === undefined ? '</s>' : shortShape(words[index + 1]);
        list.push({
          sentence,
          index,
          features: [`doc:w-1=${prev}`, `doc:w+1=${next}`, `doc:ss-1=${prevShape}`, `doc:ss+1=${nextShape}`],
        });
      }
    });
  });
  return sentences.map((words, sentence) =>
    words.map((w, index) => {
      // lower-case words have no mentions: most tokens share one empty list
      if (!/^\p{Lu}/u.test(w)) return NONE;
      const others = mentions.get(w)!.filter((m) => m.sentence !== sentence || m.index !== index);
      const features = new Set<string>();
      if (sportWords >= 2) features.add(SPORTS_DOCUMENT);
      if (others.length > 0) features.add('doc:repeated');
      for (const m of others.slice(0, MAX_MENTIONS)) {
        for (const f of m.features) features.add(f);
        if (m.index > 0) features.add('doc:mid-sentence');
      }
      if (lowered.has(w.toLowerCase())) features.add('doc:also-lowercase');
      return [...features];
    }),
  );
}
