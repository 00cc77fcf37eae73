import { TAGS } from './features.js';

const T = TAGS.length;

/** Perceptron weights with lazy averaging: each weight's running total is brought up to date only when it changes. */
export class AveragedWeights {
  weights = new Float64Array(0);
  totals = new Float64Array(0);
  stamps = new Float64Array(0);
  readonly ids = new Map<string, number>();
  names: string[] = [];
  clock = 0;

  id(feature: string, create: boolean): number {
    let id = this.ids.get(feature);
    if (id === undefined && create) {
      id = this.names.length;
      this.ids.set(feature, id);
      this.names.push(feature);
      if ((id + 1) * T > this.weights.length) this.grow();
    }
    return id ?? -1;
  }

  private grow(): void {
    const size = Math.max(1 << 16, this.weights.length * 2);
    for (const key of ['weights', 'totals', 'stamps'] as const) {
      const next = new Float64Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }

  update(ids: ArrayLike<number>, gold: number, predicted: number): void {
    this.adjust(ids, gold, 1);
    this.adjust(ids, predicted, -1);
  }

  adjust(ids: ArrayLike<number>, tag: number, delta: number): void {
    for (let j = 0; j < ids.length; j++) if (ids[j] >= 0) this.bump(ids[j] * T + tag, delta);
  }

  private bump(slot: number, delta: number): void {
    this.totals[slot] += (this.clock - this.stamps[slot]) * this.weights[slot];
    this.stamps[slot] = this.clock;
    this.weights[slot] += delta;
  }

  averaged(): Float64Array {
    const n = this.names.length * T;
    const avg = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      avg[s] = (this.totals[s] + (this.clock - this.stamps[s]) * this.weights[s]) / Math.max(1, this.clock);
    }
    return avg;
  }
}
