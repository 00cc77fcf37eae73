// Some CMSs put each section of a story (a subheading and its paragraphs) in a box of its own,
// with player and teaser boxes of the same shape between them. Readability scores the boxes one
// by one, keeps the best and drops its sisters, so most of the story goes (a public broadcaster's
// page kept 3 of its 8 sections). Before Readability runs, the story's paragraphs and their
// ancestors are noted; afterwards, boxes shaped like the one Readability kept (same tag and
// class, under the same parent) that hold left-out story paragraphs are put back in page order.

const MIN_PROSE_CHARS = 100;
const MAX_PROSE_LINK_DENSITY = 0.3;
// How far above a paragraph its box may sit: section wrappers nest a few levels deep.
const MAX_BOX_DEPTH = 6;
const OUTSIDE = 'a, nav, aside, footer, form, article article, li, blockquote';

interface Prose {
  p: Element;
  /** The paragraph's ancestors, nearest first, and their tag-and-class signatures. */
  chain: Element[];
  signatures: string[];
}

/** Notes the page's prose paragraphs and where they sit. Call before Readability. */
export function noteStoryParagraphs(document: Document): Prose[] {
  const prose: Prose[] = [];
  for (const p of document.querySelectorAll('body p')) {
    const length = textLength(p);
    if (length < MIN_PROSE_CHARS || p.closest(OUTSIDE) || linkDensity(p, length) > MAX_PROSE_LINK_DENSITY) continue;
    const chain: Element[] = [];
    for (let el = p.parentElement; el && el.tagName.toUpperCase() !== 'BODY'; el = el.parentElement) chain.push(el);
    prose.push({ p, chain, signatures: chain.map(signature) });
  }
  return prose;
}

/** Puts back the sister boxes of the one Readability kept that hold left-out story paragraphs. */
export function restoreStoryBoxes(content: Element, prose: Prose[]): void {
  const body = content.ownerDocument.body;
  const anchor = prose.find((x) => content.contains(x.p));
  const missing = prose.filter((x) => !content.contains(x.p) && body?.contains(x.p));
  if (!anchor || !missing.length) return;
  for (let k = 0; k < Math.min(anchor.chain.length - 1, MAX_BOX_DEPTH); k++) {
    const parent = anchor.chain[k + 1];
    if (content.contains(parent) || !body?.contains(parent)) continue;
    const kept = anchor.chain[k];
    const sisters = [...parent.children].filter(
      (el) =>
        el !== kept &&
        signature(el) === anchor.signatures[k] &&
        missing.some((x) => el.contains(x.p)) &&
        linkDensity(el, textLength(el)) <= MAX_PROSE_LINK_DENSITY,
    );
    if (!sisters.length) continue;
    // Page order (noted before Readability moved the kept box): sisters above the story go first.
    const anchorAt = prose.indexOf(anchor);
    const before = sisters.filter((el) => prose.findIndex((x) => el.contains(x.p)) < anchorAt);
    content.prepend(...before);
    content.append(...sisters.filter((el) => !before.includes(el)));
    return;
  }
}

function signature(el: Element): string {
  return `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').trim().replace(/\s+/g, '.')}`;
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function linkDensity(el: Element, length: number): number {
  if (!length) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += textLength(a);
  return linked / length;
}
