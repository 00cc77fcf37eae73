// Small, fast, seedable 32-bit hashes for shingles. Not cryptographic: they only need to spread
// shingles evenly and to be identical on every machine and every run (fingerprints are stored).

/** FNV-1a over the string's UTF-16 code units, finished with the murmur3 mixer. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3's fmix32: a bijection on 32-bit integers that scrambles every bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `count` seeds from a fixed splitmix32 sequence: the same on every run, so signatures compare. */
export function seeds(count: number, start = 0x9e3779b9): number[] {
  const out: number[] = [];
  let state = start >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    out.push(mix32(state));
  }
  return out;
}

export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
