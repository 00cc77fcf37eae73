// Language of an article as an ISO 639-1 code ("en", "de"), or "und" when it cannot be told.
// The detector is ELD (n-grams built for short text): on results tables, agate, headlines and
// one-sentence items franc-min filed English as Danish, Dutch or Sundanese, and an article filed
// in the wrong language loses its entities, topics and keywords (`npm run eval -- language`
// measures both). Two rules keep an English article English:
//   - a declared language (page, header, feed, `lede process` input) decides unless the text is
//     long and clearly another language;
//   - with nothing declared, a close call between English and another Latin-script language
//     (a table of names and scores looks Danish as much as English) goes to English.
import { loadMediumEld } from './eld-ngrams.js';

const eld = await loadMediumEld();

/** Below this many letters a guess is noise: "und", or the declared language. */
const MIN_LETTERS = 20;
/** A declared language is overruled only by at least this much text... */
const MIN_LETTERS_OVER_DECLARED = 200;
/** ...when its n-gram score is below this share of the detected language's. */
const CLEARLY_OTHER = 0.75;
/** With nothing declared, English within this share of the best score counts as a close call. */
const CLOSE_CALL = 0.85;
/** Accuracy stops improving well before this; longer bodies are cut to keep it fast. */
const SAMPLE_CHARS = 1_000;

/** ISO 639-3 → 639-1, for declarations written in three letters ("eng", "deu"). */
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
 * The language of `text`; `hint` is a declared language in any common form ("en-GB", "de_DE",
 * "fra"). Returns a two-letter code where one exists.
 */
export function detectLanguage(text: string, hint?: string): string {
  const declared = normaliseLanguageTag(hint);
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = countLetters(sample);
  if (letters < MIN_LETTERS) return declared ?? UNDETERMINED;
  const result = eld.detect(sample);
  const detected = result.language || UNDETERMINED;
  if (detected === UNDETERMINED || detected === declared) return declared ?? detected;
  const scores = result.getScores();
  const best = scores[detected] ?? 0;
  if (declared) {
    const clearlyOther =
      letters >= MIN_LETTERS_OVER_DECLARED && result.isReliable() && (scores[declared] ?? 0) < best * CLEARLY_OTHER;
    return clearlyOther ? detected : declared;
  }
  return (scores.en ?? 0) >= best * CLOSE_CALL ? 'en' : detected;
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
