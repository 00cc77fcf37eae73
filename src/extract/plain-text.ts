// Plain text (a `lede process` "text" line, a feed's content_text) is the story as its sender
// wrote it: no page chrome to clean, so nothing is cut. Wire copy comes hard-wrapped at a fixed
// width, a results line has no end mark and a headline may open with a desk slug ("SOCCER - "),
// all of which the HTML cleanup rules would take for lead-ins or labels. bodyText is the text
// itself (trailing whitespace aside), so every offset into it is an offset into the input; the
// dateline and credit lines are recognised and reported, and stay in the body.
import { escapeHtml, type Body } from './body.js';
import { isCreditLine } from './boilerplate.js';
import { matchDateline } from './dateline.js';
import { countWords } from './text.js';

/** A dateline opens the story: on the first line, or after a headline and a slug line or two. */
const DATELINE_LINES = 3;
const MAX_CREDIT_LINES = 4;

export function bodyFromPlainText(text: string): Body | undefined {
  const bodyText = text.trimEnd();
  if (!bodyText.trim()) return undefined;
  const lines = bodyText
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let dateline;
  for (const line of lines.slice(0, DATELINE_LINES)) {
    dateline = matchDateline(line)?.dateline;
    if (dateline) break;
  }
  const credits: string[] = [];
  for (const line of lines.slice(-MAX_CREDIT_LINES).reverse()) {
    if (!isCreditLine(line)) break;
    credits.unshift(line.replace(/^\((.*)\)$/, '$1'));
  }
  return { bodyText, bodyHtml: plainTextToHtml(bodyText), wordCount: countWords(bodyText), dateline, credits };
}

/** Blank lines part paragraphs; a single line break (a hard wrap, a table row) stays a <br>. */
function plainTextToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\s*\n\s*/g, '<br>')}</p>`)
    .join('\n');
}
