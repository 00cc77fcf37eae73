// "More stories" rails whose cards carry a summary beside the headline link: the link share is
// too low for the link-list rule, but the shape gives them away. Three or more sibling boxes of
// the same tag, each short and opening with a link, are teasers for other stories; a story's
// paragraphs open with text, and one with a link first is rarely followed by two more alike.

const MIN_TEASERS = 3;
const MAX_TEASER_CHARS = 300;
const TEXT_NODE = 3;
const CARD_TAGS = new Set(['DIV', 'SECTION', 'ARTICLE', 'ASIDE']);

export function removeTeaserLists(root: Element): void {
  for (const parent of [root, ...root.querySelectorAll('*')]) {
    if (!root.contains(parent)) continue;
    const byTag = new Map<string, Element[]>();
    for (const child of parent.children) {
      const tag = child.tagName.toUpperCase();
      byTag.set(tag, [...(byTag.get(tag) ?? []), child]);
    }
    for (const [tag, items] of byTag) {
      // Cards are boxes; a story's lists and paragraphs may well open each item with a link.
      if (!CARD_TAGS.has(tag) || items.length < MIN_TEASERS || !items.every(isTeaser)) continue;
      for (const item of items) item.remove();
    }
  }
}

function isTeaser(item: Element): boolean {
  const text = (item.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_TEASER_CHARS) return false;
  const first = firstText(item);
  return !!first?.parentElement?.closest('a[href]') && item.contains(first.parentElement!.closest('a[href]'));
}

function firstText(el: Element): Node | undefined {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === TEXT_NODE && (node.textContent ?? '').trim()) return node;
  }
  return undefined;
}
