// Article language as an ISO 639-1 code where one exists. Declared languages win (html lang,
// then the Content-Language header); only when neither is given is it guessed from the body
// text, with the same franc-min detector the enrich stage uses.
import { detectLanguage as detectFromText, normaliseLanguageTag, UNDETERMINED } from './detect.js';

export interface LanguageGuess {
  language: string;
  source: string;
}

export function detectLanguage(
  declared: { htmlLang?: string | null; contentLanguage?: string },
  text: string,
): LanguageGuess | undefined {
  const fromHtml = normaliseLanguageTag(declared.htmlLang ?? undefined);
  if (fromHtml) return { language: fromHtml, source: 'html-lang' };
  // Content-Language may list several ("en, de"); the first is the page's main language.
  const fromHeader = normaliseLanguageTag(declared.contentLanguage?.split(',')[0]);
  if (fromHeader) return { language: fromHeader, source: 'content-language' };
  const guess = detectFromText(text);
  return guess === UNDETERMINED ? undefined : { language: guess, source: 'detected' };
}
