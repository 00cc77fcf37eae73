// conlleval-style mention scoring: a predicted entity counts only if its span and type both
// match a gold entity exactly.
import { tagSpans, type TokenSpan } from './spans.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
}

/** Running per-type counts; `add` one sentence's gold and predicted spans at a time. */
export class MentionScorer {
  readonly byType = new Map<string, Counts>();

  addTags(gold: readonly string[], predicted: readonly string[]): void {
    this.add(tagSpans(gold), tagSpans(predicted));
  }

  /** Spans may be token spans or any other span whose first/last identify it (e.g. char offsets). */
  add(gold: TokenSpan[], predicted: TokenSpan[]): void {
    const key = (s: TokenSpan) => `${s.type}:${s.first}:${s.last}`;
    const goldKeys = new Set(gold.map(key));
    const predictedKeys = new Set(predicted.map(key));
    for (const s of predicted) this.counts(s.type)[goldKeys.has(key(s)) ? 'tp' : 'fp']++;
    for (const s of gold) if (!predictedKeys.has(key(s))) this.counts(s.type).fn++;
  }

  scores(type?: string): Scores {
    const total: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const [t, c] of this.byType) {
      if (type && t !== type) continue;
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
    const precision = total.tp / Math.max(1, total.tp + total.fp);
    const recall = total.tp / Math.max(1, total.tp + total.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, gold: total.tp + total.fn };
  }

  private counts(type: string): Counts {
    let c = this.byType.get(type);
    if (!c) this.byType.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  }
}
