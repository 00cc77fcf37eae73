// IPTC Media Topic classification by weighted cue terms. Pure: the vocabulary is loaded by the
// caller (loadTopicVocabulary). How a text is scored:
//   1. every cue occurrence counts 3x in the title, 2x in the lede, 1x after; repeats of one cue
//      saturate (square root), so a story that says "war" twenty times is not twenty times war;
//   2. a topic's evidence is its own cues plus everything found under it in the hierarchy, so a
//      parent always scores at least as high as its children;
//   3. evidence is divided by a length factor, so long stories do not pick up every topic they
//      mention in passing;
//   4. top-level topics above an absolute floor and close enough to the best one are kept, then
//      their best-supported narrower topics, each brought in with its ancestors.
import type { Topic } from '../../shared/types.js';
import { findCues, type CueHit } from './cues.js';
import { tokenize } from './tokens.js';
import type { TopicVocabulary } from './vocabulary.js';

/** Tuning knobs; the defaults were set on fixtures/enrich-dev (`npm run eval -- enrich`). */
export interface ClassifyOptions {
  /** Most topics returned, ancestors included. Default 5. */
  maxTopics?: number;
  /** Most top-level topics returned. Default 3. */
  maxTopLevel?: number;
  /** Least normalised evidence for a top-level topic. Default 7. */
  minScore?: number;
  /** A top-level topic must reach this share of the best one. Default 0.35. */
  relativeToBest?: number;
  /** Least normalised evidence for a narrower topic. Default 7. */
  minNarrowerScore?: number;
}

const TITLE_WEIGHT = 3;
const LEDE_WEIGHT = 2;
const LEDE_TOKENS = 60;
/** Body length (in words) at which the length factor reaches sqrt(2). */
const LENGTH_SCALE = 150;
/** Evidence at which the reported 0..1 score reaches one half. */
const SCORE_HALF = 10;

export function classifyTopics(
  text: string,
  title: string | undefined,
  vocab: TopicVocabulary,
  options: ClassifyOptions = {},
): Topic[] {
  const { maxTopics = 5, maxTopLevel = 3, minScore = 7, relativeToBest = 0.35, minNarrowerScore = 7 } = options;

  const mass = new Map<string, { weight: number; code: string; occurrences: number }>();
  const count = (hits: CueHit[], weightAt: (at: number) => number): void => {
    for (const { cue, at } of hits) {
      const key = `${cue.code}\u0000${cue.term}`;
      const entry = mass.get(key) ?? { weight: cue.weight, code: cue.code, occurrences: 0 };
      entry.occurrences += weightAt(at);
      mass.set(key, entry);
    }
  };
  const body = tokenize(text);
  count(findCues(tokenize(title ?? ''), vocab.cues), () => TITLE_WEIGHT);
  count(findCues(body, vocab.cues), (at) => (at < LEDE_TOKENS ? LEDE_WEIGHT : 1));

  const lengthFactor = Math.sqrt(1 + body.length / LENGTH_SCALE);
  const evidence = new Map<string, number>();
  for (const { weight, code, occurrences } of mass.values()) {
    const amount = (weight * Math.sqrt(occurrences)) / lengthFactor;
    for (const ancestor of lineage(code, vocab)) {
      evidence.set(ancestor, (evidence.get(ancestor) ?? 0) + amount);
    }
  }

  const topOf = (code: string): string => lineage(code, vocab).at(-1)!;
  const ranked = [...evidence.entries()].sort(
    (a, b) => b[1] - a[1] || lineage(a[0], vocab).length - lineage(b[0], vocab).length,
  );
  const tops = ranked.filter(([code]) => topOf(code) === code);
  const best = tops[0]?.[1] ?? 0;
  const keptTops = new Set(
    tops
      .filter(([, score]) => score >= minScore && score >= best * relativeToBest)
      .slice(0, maxTopLevel)
      .map(([code]) => code),
  );

  // Top-level topics first, so narrower ones of the leading topic cannot crowd out the others.
  const chosen = new Set<string>(keptTops);
  for (const [code, score] of ranked) {
    if (chosen.has(code) || !keptTops.has(topOf(code)) || score < minNarrowerScore) continue;
    const missing = lineage(code, vocab).filter((c) => !chosen.has(c));
    if (chosen.size + missing.length > maxTopics) continue;
    for (const c of missing) chosen.add(c);
  }

  return ranked
    .filter(([code]) => chosen.has(code))
    .map(([code, score]) => ({
      code,
      label: vocab.concepts.get(code)!.label,
      score: Math.round((score / (score + SCORE_HALF)) * 1000) / 1000,
    }));
}

/** The code followed by its broader concepts up to the top level. */
function lineage(code: string, vocab: TopicVocabulary): string[] {
  const chain: string[] = [];
  for (let c: string | undefined = code; c && !chain.includes(c); c = vocab.concepts.get(c)?.broader) {
    chain.push(c);
  }
  return chain;
}
