// Text cleaned at the edge of storage: every string a store writes passes through here, on
// both dialects, so a byte PostgreSQL refuses cannot fail an ingest forever (U+0000 made every
// attempt end with `invalid byte sequence for encoding "UTF8": 0x00` and the item was lost,
// while SQLite kept it). NUL and the other C0 controls except tab, LF and CR carry no text and
// are dropped; lone surrogates and Unicode non-characters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF)
// become U+FFFD, the replacement character, so the reader sees that something was there.

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

const planeEnds = Array.from({ length: 17 }, (_, plane) => {
  const base = (plane * 0x10000)
    .toString(16)
    .padStart(plane ? 5 : 4, '0')
    .slice(0, -4);
  return `\\u{${base}FFFE}\\u{${base}FFFF}`;
}).join('');
// With the u flag a surrogate range matches only unpaired surrogates.
const NON_CHARACTERS = new RegExp(`[\\uD800-\\uDFFF\\u{FDD0}-\\u{FDEF}${planeEnds}]`, 'gu');

const REPLACEMENT = '\uFFFD';

export function cleanText(text: string): string {
  return text.replace(CONTROLS, '').replace(NON_CHARACTERS, REPLACEMENT);
}

/** Every string in a record (nested arrays and plain objects included) cleaned; the rest as is. */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanStrings(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanStrings(v)])) as T;
  }
  return value;
}

/** `methods` with every argument cleaned first: a lookup by a guid with a NUL must find, not fail. */
export function withCleanArguments<T extends object>(methods: T): T {
  return Object.fromEntries(
    Object.entries(methods).map(([name, fn]) => [
      name,
      typeof fn === 'function'
        ? (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args.map((a) => cleanStrings(a)))
        : fn,
    ]),
  ) as T;
}
