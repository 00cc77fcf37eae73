// Compiles the operator's cue terms into an index keyed by first word, and finds every cue
// occurrence in a token stream in one pass (cost grows with text length, not cue count).
// Longest match wins: a cue inside a longer matched cue does not count, so "fossil fuels"
// is not also "fossil" and "prime minister" not also "minister". Cues of the same span (one
// phrase cued under two topics) all count. Capitalised cues ("Premier League", "Fed") match
// their case only, except in all-capitals text ("SOCCER - PREMIER LEAGUE RESULTS"), where case
// says nothing.
import { tokenize, type Token } from './tokens.js';

export interface CompiledCue {
  code: string;
  term: string;
  weight: number;
  /** Words after the first; matched in order. */
  rest: CueWord[];
}

interface CueWord {
  text: string;
  mode: 'folded' | 'exact' | 'prefix';
  /** Lowercased and folded, for matching exact words in all-capitals text. */
  folded: string;
}

export interface CueIndex {
  /** Keyed "~folded" for case-blind cues, "=Exact" and "^folded" for capitalised ones. */
  byWord: Map<string, CompiledCue[]>;
  /** Prefix cues ("vaccin*"), keyed by their first PREFIX_KEY letters. */
  byPrefix: Map<string, { prefix: string; cue: CompiledCue }[]>;
}

export const PREFIX_KEY = 4;

export interface CueHit {
  cue: CompiledCue;
  /** Index of the cue's first token. */
  at: number;
}

/** Throws with the offending term when a cue cannot be compiled. */
export function compileCues(cues: { code: string; term: string; weight: number }[]): CueIndex {
  const index: CueIndex = { byWord: new Map(), byPrefix: new Map() };
  // "chip" and "chips" fold to the same cue; count it once, at the larger weight.
  const seen = new Map<string, CompiledCue>();
  for (const { code, term, weight } of cues) {
    const words = cueWords(code, term);
    if (words.length === 0) throw new Error(`topics.${code}.cues.${term}: a cue needs at least one word`);
    const signature = `${code} ${words.map((w) => `${w.mode}:${w.text}`).join(' ')}`;
    const twin = seen.get(signature);
    if (twin) {
      twin.weight = Math.max(twin.weight, weight);
      continue;
    }
    const [first, ...rest] = words;
    const cue: CompiledCue = { code, term, weight, rest };
    seen.set(signature, cue);
    if (first.mode === 'prefix') {
      const list = index.byPrefix.get(first.text.slice(0, PREFIX_KEY)) ?? [];
      list.push({ prefix: first.text, cue });
      index.byPrefix.set(first.text.slice(0, PREFIX_KEY), list);
    } else {
      const keys = first.mode === 'exact' ? [`=${first.text}`, `^${first.folded}`] : [`~${first.text}`];
      for (const key of keys) index.byWord.set(key, [...(index.byWord.get(key) ?? []), cue]);
    }
  }
  return index;
}

function cueWords(code: string, term: string): CueWord[] {
  const starred = term.trimEnd().endsWith('*');
  const tokens = tokenize(term);
  const caseSensitive = term !== term.toLowerCase();
  const words = tokens.map((t): CueWord =>
    caseSensitive
      ? { text: t.exact, mode: 'exact', folded: t.folded }
      : { text: t.folded, mode: 'folded', folded: t.folded },
  );
  if (starred && tokens.length > 0) {
    const last = tokens[tokens.length - 1];
    if (last.lower.length < PREFIX_KEY) {
      throw new Error(`topics.${code}.cues.${term}: a prefix needs ${PREFIX_KEY}+ letters before "*"`);
    }
    words[words.length - 1] = { text: last.lower, mode: 'prefix', folded: last.folded };
  }
  return words;
}

function wordMatches(word: CueWord, token: Token): boolean {
  if (word.mode === 'exact') return token.shouted ? token.folded === word.folded : token.exact === word.text;
  if (word.mode === 'folded') return token.folded === word.text;
  return token.lower.startsWith(word.text);
}

/** Every cue occurrence not inside a longer one, in text order. */
export function findCues(tokens: Token[], index: CueIndex): CueHit[] {
  return dropContained(findAllCues(tokens, index));
}

function findAllCues(tokens: Token[], index: CueIndex): CueHit[] {
  const hits: CueHit[] = [];
  const tryCue = (cue: CompiledCue, at: number): void => {
    for (let k = 0; k < cue.rest.length; k++) {
      const token = tokens[at + 1 + k];
      if (!token || !wordMatches(cue.rest[k], token)) return;
    }
    hits.push({ cue, at });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    for (const cue of index.byWord.get(`~${token.folded}`) ?? []) tryCue(cue, i);
    const exactKey = token.shouted ? `^${token.folded}` : `=${token.exact}`;
    for (const cue of index.byWord.get(exactKey) ?? []) tryCue(cue, i);
    for (const { prefix, cue } of index.byPrefix.get(token.lower.slice(0, PREFIX_KEY)) ?? []) {
      if (token.lower.startsWith(prefix)) tryCue(cue, i);
    }
  }
  return hits;
}

/** Drops each hit that a longer hit, starting no later, covers. */
function dropContained(hits: CueHit[]): CueHit[] {
  const end = (h: CueHit): number => h.at + 1 + h.cue.rest.length;
  const ordered = [...hits].sort((a, b) => a.at - b.at || end(b) - end(a));
  const kept: CueHit[] = [];
  let reach = -1;
  let reachStart = -1;
  for (const hit of ordered) {
    const e = end(hit);
    if (e < reach || (e === reach && reachStart < hit.at)) continue;
    if (e > reach) {
      reach = e;
      reachStart = hit.at;
    }
    kept.push(hit);
  }
  return kept;
}
