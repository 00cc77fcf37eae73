import { allowedAfter, TAGS } from './features.js';

const T = TAGS.length;
/** Index standing for "no previous tag" (the sentence start). */
export const START = T;

/** ALLOWED[prev * T + tag]: whether BIO lets `tag` follow `prev` (row START: the sentence start). */
const ALLOWED = Array.from({ length: (T + 1) * T }, (_, k) => {
  const prev = Math.floor(k / T);
  return allowedAfter(prev === START ? 'O' : TAGS[prev], TAGS[k % T]);
});

/**
 * Best tag sequence under a first-order model. `score(i, prev, out)` fills `out` with the score
 * of every tag at token i given the previous tag index (START at i = 0). BIO-illegal transitions
 * (O → I-X, B-PER → I-ORG) are never chosen.
 */
export function viterbi(n: number, score: (i: number, prev: number, out: Float64Array) => void): number[] {
  if (n === 0) return [];
  const best = new Float64Array(n * T).fill(-Infinity);
  const back = new Int32Array(n * T);
  const out = new Float64Array(T);
  score(0, START, out);
  for (let y = 0; y < T; y++) if (ALLOWED[START * T + y]) best[y] = out[y];
  for (let i = 1; i < n; i++) {
    for (let p = 0; p < T; p++) {
      const base = best[(i - 1) * T + p];
      if (base === -Infinity) continue;
      score(i, p, out);
      for (let y = 0; y < T; y++) {
        if (!ALLOWED[p * T + y]) continue;
        const total = base + out[y];
        if (total > best[i * T + y]) {
          best[i * T + y] = total;
          back[i * T + y] = p;
        }
      }
    }
  }
  let y = 0;
  for (let k = 1; k < T; k++) if (best[(n - 1) * T + k] > best[(n - 1) * T + y]) y = k;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = y;
    y = back[i * T + y];
  }
  return path;
}
