// Article language as an ISO 639-1 code where one exists. Declared languages win (html lang,
// then the Content-Language header); otherwise franc-min guesses from the body text and its
// ISO 639-3 answer is mapped down.
import { franc } from 'franc-min';

const ISO3_TO_ISO1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru',
  ukr: 'uk', pol: 'pl', ces: 'cs', slk: 'sk', hun: 'hu', ron: 'ro', bul: 'bg', srp: 'sr',
  hrv: 'hr', bos: 'bs', slv: 'sl', swe: 'sv', dan: 'da', nob: 'no', nno: 'nn', fin: 'fi',
  ell: 'el', tur: 'tr', arb: 'ar', pes: 'fa', heb: 'he', hin: 'hi', ben: 'bn', urd: 'ur',
  cmn: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zlm: 'ms', tgl: 'tl',
  swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', amh: 'am', som: 'so', tam: 'ta', tel: 'te',
  mar: 'mr', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', azj: 'az', uzn: 'uz', kaz: 'kk',
  bel: 'be', lit: 'lt', lav: 'lv', est: 'et', cat: 'ca', glg: 'gl', eus: 'eu', afr: 'af',
  zul: 'zu', xho: 'xh', npi: 'ne', sin: 'si', mya: 'my', khm: 'km',
};

export interface LanguageGuess {
  language: string;
  source: string;
}

export function normalizeLanguageTag(tag: string | null | undefined): string | undefined {
  const primary = tag?.split(',')[0]?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

export function detectLanguage(
  declared: { htmlLang?: string | null; contentLanguage?: string },
  text: string,
): LanguageGuess | undefined {
  const fromHtml = normalizeLanguageTag(declared.htmlLang);
  if (fromHtml) return { language: fromHtml, source: 'html-lang' };
  const fromHeader = normalizeLanguageTag(declared.contentLanguage);
  if (fromHeader) return { language: fromHeader, source: 'content-language' };
  const guess = franc(text.slice(0, 4000), { minLength: 40 });
  if (guess === 'und') return undefined;
  return { language: ISO3_TO_ISO1[guess] ?? guess, source: 'detected' };
}
