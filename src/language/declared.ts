// Article language as an ISO 639-1 code where one exists. A declared language (html lang, then
// the Content-Language header, then what the feed or the `lede process` line says) is checked
// against the text by the same detector the enrich stage uses: it decides unless the text is
// long and clearly another language. With nothing declared, the text is all there is.
import { detectLanguage as detectFromText, normaliseLanguageTag, UNDETERMINED } from './detect.js';

export interface LanguageGuess {
  language: string;
  source: string;
}

export function detectLanguage(
  declared: { htmlLang?: string | null; contentLanguage?: string; feedLanguage?: string },
  text: string,
): LanguageGuess | undefined {
  // Content-Language may list several ("en, de"); the first is the page's main language.
  const [tag, source] = ([
    [normaliseLanguageTag(declared.htmlLang ?? undefined), 'html-lang'],
    [normaliseLanguageTag(declared.contentLanguage?.split(',')[0]), 'content-language'],
    [normaliseLanguageTag(declared.feedLanguage), 'feed'],
  ].find(([t]) => t) as [string, string] | undefined) ?? [undefined, 'detected'];
  const guess = detectFromText(text, tag);
  if (guess === UNDETERMINED) return undefined;
  return { language: guess, source: guess === tag ? source : 'detected' };
}
