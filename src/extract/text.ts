// Plain text that keeps the article's structure. Readability's textContent glues blocks together
// ("…said.The minister…"), which breaks sentences and word n-grams; walking the DOM and breaking
// at block boundaries gives text that matches a clean reference far better.

export type BlockKind = 'paragraph' | 'heading' | 'item';

export interface TextBlock {
  kind: BlockKind;
  text: string;
}

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
]);
// Captions describe pictures rather than tell the story; the rest never holds readable prose.
const SKIPPED_TAGS = new Set([
  'FIGCAPTION',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'SVG',
  'BUTTON',
  'SELECT',
  'OPTION',
  'TEXTAREA',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'AUDIO',
  'VIDEO',
]);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function isBlockTag(tagName: string): boolean {
  return BLOCK_TAGS.has(tagName.toUpperCase());
}

export function textBlocks(root: Node): TextBlock[] {
  const blocks: TextBlock[] = [];
  let buffer = '';
  let kind: BlockKind = 'paragraph';

  const flush = () => {
    const lines = buffer
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    buffer = '';
    if (lines.length) blocks.push({ kind, text: lines.join('\n') });
  };

  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        buffer += (child.nodeValue ?? '').replace(/\s+/g, ' ');
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = (child as Element).tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === 'BR') {
        buffer += '\n';
      } else if (BLOCK_TAGS.has(tag)) {
        flush();
        const outer = kind;
        kind = tag === 'LI' || tag === 'DT' || tag === 'DD' ? 'item' : /^H[1-6]$/.test(tag) ? 'heading' : outer;
        walk(child);
        flush();
        kind = outer;
      } else {
        walk(child);
      }
    }
  };

  walk(root);
  flush();
  return blocks;
}

/** A blank line between blocks; consecutive list items one per line. */
export function joinBlocks(blocks: TextBlock[]): string {
  let out = '';
  blocks.forEach((block, i) => {
    if (i > 0) out += block.kind === 'item' && blocks[i - 1].kind === 'item' ? '\n' : '\n\n';
    out += block.text;
  });
  return out;
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

// Chinese and Japanese write no spaces: about two of their letters make a word.
const CJK_LETTERS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/gu;
/** Words for length limits, in any script: spaced words plus half the Chinese and Japanese letters. */
export function roughWords(text: string): number {
  const cjk = text.match(CJK_LETTERS)?.length ?? 0;
  const rest = text.replace(CJK_LETTERS, ' ').trim();
  return (rest ? rest.split(/\s+/).length : 0) + Math.ceil(cjk / 2);
}
