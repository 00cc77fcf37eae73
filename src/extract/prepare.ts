// Cheap string pre-pass run before any DOM is built. Dropping stylesheets avoids jsdom's CSS
// parser, which throws on ~2% of real pages (SCSS left in a <style>, odd `inherit` values), and
// makes parsing ~40% faster; scripts and handlers never run anyway but cost parse time and must
// not reach the output. JSON-LD scripts are kept: metadata reads them.

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const RAW_TEXT_START = /<(script|style|noscript|template)\b([^>]*)>/gi;
const JSON_LD_TYPE = /\btype\s*=\s*["']?application\/ld\+json/i;
// One start tag, attributes matched quote-aware so a `>` inside a value does not end it.
const START_TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s/>="']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*\/?>/g;
const HANDLER_ATTR = /\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)/gi;
const ELEMENT_START = /<[a-zA-Z]/g;

export function assertWithinSize(html: string, maxBytes: number): void {
  // String length is a lower bound on UTF-8 bytes, so only measure when it could matter.
  if (html.length * 3 <= maxBytes) return;
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > maxBytes) {
    throw new Error(`extract: page is ${formatMb(bytes)}, over the ${formatMb(maxBytes)} limit`);
  }
}

/** Upper bound on the number of elements, counted without parsing (comments count too). */
export function countStartTags(html: string): number {
  let n = 0;
  ELEMENT_START.lastIndex = 0;
  while (ELEMENT_START.exec(html)) n++;
  return n;
}

export function stripUnsafeMarkup(html: string): string {
  return dropRawTextElements(html).replace(START_TAG, (tag) =>
    /\son/i.test(tag) ? tag.replace(HANDLER_ATTR, '') : tag,
  );
}

// A scan rather than one lazy regex: a lazy match restarts at every unclosed <noscript> and
// goes quadratic on hostile pages. Like a browser, an unclosed element runs to the end.
// Offsets come from case-insensitive searches on `html` itself: a lower-cased copy is not the
// same length when a letter's lower case is longer (Turkish İ), and its offsets would cut text.
function dropRawTextElements(html: string): string {
  let out = '';
  let last = 0;
  RAW_TEXT_START.lastIndex = 0;
  for (let m = RAW_TEXT_START.exec(html); m; m = RAW_TEXT_START.exec(html)) {
    const name = m[1].toLowerCase();
    const close = new RegExp(`</${name}`, 'gi');
    close.lastIndex = RAW_TEXT_START.lastIndex;
    const closeAt = close.exec(html)?.index ?? -1;
    const end = closeAt < 0 ? html.length : html.indexOf('>', closeAt) + 1 || html.length;
    const keep = name === 'script' && JSON_LD_TYPE.test(m[2]);
    out += html.slice(last, m.index) + (keep ? html.slice(m.index, end) : '');
    last = end;
    RAW_TEXT_START.lastIndex = end;
  }
  return out + html.slice(last);
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
