// Turns an article's DOM (Readability's result, feed content or JSON-LD text) into the body
// fields: boilerplate and credits out, dateline split off, structured text, sanitized HTML.
import type { Dateline } from '../shared/types.js';
import { describePictures, removeAuthorBio, removeBoilerplate, removeLeadIn, takeCredits } from './boilerplate.js';
import { cutLeadingText, matchDateline } from './dateline.js';
import { sanitizeHtml } from './sanitize.js';
import { holdsStandfirst } from './standfirst.js';
import { countWords, isBlockTag, joinBlocks, textBlocks } from './text.js';

export interface Body {
  bodyText: string;
  bodyHtml: string;
  wordCount: number;
  dateline?: Dateline;
  credits: string[];
}

/**
 * `names`: the byline and author names the page declares, to recognise its byline block.
 * `standfirst`: the summary under the headline (standfirst.ts), put first when the body lacks it.
 * `pictureTexts`: the page's picture descriptions, read before Readability dropped the pictures.
 */
export function buildBody(
  root: Element,
  url: string,
  names: string[] = [],
  standfirst?: string,
  pictureTexts: Set<string> = describePictures(root),
): Body | undefined {
  wrapLooseInline(root);
  removeBoilerplate(root, pictureTexts);
  removeLeadIn(root, names);
  removeAuthorBio(root, names);
  const credits = takeCredits(root);
  const dateline = splitDateline(root);
  // After the dateline split: the dateline opens the story's first paragraph, not the summary.
  if (standfirst && !holdsStandfirst(root.textContent ?? '', standfirst)) {
    const p = root.ownerDocument.createElement('p');
    p.textContent = standfirst;
    root.prepend(p);
  }
  const bodyText = joinBlocks(textBlocks(root));
  if (!bodyText) return undefined;
  return { bodyText, bodyHtml: sanitizeHtml(root.innerHTML, url), wordCount: countWords(bodyText), dateline, credits };
}

/**
 * Old table layouts and some CMSs leave text runs beside block elements (`<div>title<br><p>…`).
 * Wrapping each run in a <p> lets the cleanup rules judge it as one block.
 */
function wrapLooseInline(root: Element): void {
  const containers = [root, ...root.querySelectorAll('div, section, article, td, main')];
  for (const container of containers) {
    const children = [...container.childNodes];
    if (!children.some((n) => n.nodeType === 1 && isBlockTag((n as Element).tagName))) continue;
    let run: ChildNode[] = [];
    const flush = () => {
      if (run.some((n) => (n.textContent ?? '').trim())) {
        const p = container.ownerDocument.createElement('p');
        run[0].before(p);
        for (const n of run) p.append(n);
      }
      run = [];
    };
    for (const child of children) {
      if (child.nodeType === 1 && isBlockTag((child as Element).tagName)) flush();
      else if (child.nodeType === 1 && (child as Element).tagName.toUpperCase() === 'BR') flush();
      else run.push(child);
    }
    flush();
  }
}

function splitDateline(root: Element): Dateline | undefined {
  const first = [...root.querySelectorAll('p')].find((p) => (p.textContent ?? '').trim());
  if (!first) return undefined;
  const match = matchDateline(first.textContent ?? '');
  if (!match) return undefined;
  cutLeadingText(first, match.length);
  return match.dateline;
}

/** Plain text with blank-line paragraphs (JSON-LD articleBody, feed text) as HTML paragraphs. */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
