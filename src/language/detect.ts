// Language of an article as an ISO 639-1 code ("en", "de"), or "und" when it cannot be told.
// franc-min answers in ISO 639-3 and needs a few sentences to be reliable, so on short texts
// the page's own declaration (<html lang>, og:locale) is trusted instead.
import { franc } from 'franc-min';

/** Below this many letters franc's guess is less reliable than the page's declared language. */
const MIN_LETTERS_OVER_DECLARED = 120;
/** With nothing declared, a guess from a sentence or two beats none; below this it is noise. */
const MIN_LETTERS_UNDECLARED = 40;
/** franc's accuracy stops improving well before this; longer bodies are cut to keep it fast. */
const SAMPLE_CHARS = 1_000;

/** ISO 639-3 → 639-1 for the languages franc-min knows that have a two-letter code. */
const TWO_LETTER: Record<string, string> = {
  amh: 'am',
  arb: 'ar',
  azj: 'az',
  bel: 'be',
  ben: 'bn',
  bos: 'bs',
  bul: 'bg',
  ces: 'cs',
  ckb: 'ku',
  cmn: 'zh',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  fra: 'fr',
  fuv: 'ff',
  guj: 'gu',
  hau: 'ha',
  hin: 'hi',
  hrv: 'hr',
  hun: 'hu',
  ibo: 'ig',
  ind: 'id',
  ita: 'it',
  jav: 'jv',
  jpn: 'ja',
  kan: 'kn',
  kaz: 'kk',
  kin: 'rw',
  kor: 'ko',
  lin: 'ln',
  mal: 'ml',
  mar: 'mr',
  mya: 'my',
  nld: 'nl',
  npi: 'ne',
  nya: 'ny',
  pan: 'pa',
  pbu: 'ps',
  pes: 'fa',
  plt: 'mg',
  pol: 'pl',
  por: 'pt',
  qug: 'qu',
  ron: 'ro',
  run: 'rn',
  rus: 'ru',
  sin: 'si',
  som: 'so',
  spa: 'es',
  srp: 'sr',
  sun: 'su',
  swe: 'sv',
  swh: 'sw',
  tam: 'ta',
  tel: 'te',
  tgl: 'tl',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  urd: 'ur',
  uzn: 'uz',
  vie: 'vi',
  yor: 'yo',
  zlm: 'ms',
  zul: 'zu',
  zyb: 'za',
};

export const UNDETERMINED = 'und';

/**
 * Detects the language of `text`; `hint` is the page's declared language in any common form
 * ("en-GB", "de_DE", "fra"). Returns a two-letter code where one exists, else the ISO 639-3 code.
 */
export function detectLanguage(text: string, hint?: string): string {
  const declared = normaliseLanguageTag(hint);
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = countLetters(sample);
  if (declared && letters < MIN_LETTERS_OVER_DECLARED) return declared;
  if (letters < MIN_LETTERS_UNDECLARED) return UNDETERMINED;
  const detected = franc(sample);
  if (detected === UNDETERMINED) return declared ?? UNDETERMINED;
  return TWO_LETTER[detected] ?? detected;
}

/** "en-GB" → "en", "deu" → "de", "" or "und" → undefined. */
export function normaliseLanguageTag(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0].toLowerCase();
  if (!primary || primary === UNDETERMINED || !/^[a-z]{2,3}$/.test(primary)) return undefined;
  return primary.length === 3 ? (TWO_LETTER[primary] ?? THREE_LETTER_B[primary] ?? primary) : primary;
}

/** Bibliographic 639-2 codes some sites declare ("ger", "fre") and a few macro-language codes. */
const THREE_LETTER_B: Record<string, string> = {
  ger: 'de',
  fre: 'fr',
  dut: 'nl',
  chi: 'zh',
  zho: 'zh',
  ara: 'ar',
  gre: 'el',
  per: 'fa',
  fas: 'fa',
  msa: 'ms',
  may: 'ms',
  cze: 'cs',
  rum: 'ro',
  nor: 'no',
  nob: 'nb',
  dan: 'da',
  fin: 'fi',
  heb: 'he',
  cat: 'ca',
  slk: 'sk',
  slo: 'sk',
  est: 'et',
  lav: 'lv',
  lit: 'lt',
};

function countLetters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}
