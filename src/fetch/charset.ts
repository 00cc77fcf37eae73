// Turning fetched bytes into text the way browsers do (WHATWG Encoding). Labels resolve through
// the platform's TextDecoder, which implements the WHATWG label table: "ISO-8859-1", "latin1"
// and "ascii" decode as windows-1252 (curly quotes and € in 0x80-0x9F, as servers that say
// Latin-1 really mean), "gb2312" as GBK, "x-sjis" as Shift_JIS. Feeds (feeds/charset.ts) and
// pages share the BOM, header and decode steps; pages add HTML's <meta> prescan.
//
// The evidence for a page, strongest first (HTML, "determining the character encoding"):
//   1. a byte-order mark;
//   2. the charset in the HTTP Content-Type header;
//   3. <meta charset> or <meta http-equiv="Content-Type" content="…charset=…"> in the first
//      1,024 bytes;
//   4. UTF-8 when the bytes are valid UTF-8, else windows-1252 (the browsers' default for
//      pages that declare nothing, and what an undeclared legacy page almost always is).

import iconv from 'iconv-lite';

const PRESCAN_BYTES = 1024;

export function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function contentTypeCharset(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1] : undefined;
}

/** The WHATWG encoding name for a label, or undefined when no decoder answers to it. */
export function encodingForLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined; // unknown label, or "replacement" (which TextDecoder refuses)
  }
}

/** Decodes with a resolved encoding; a leading BOM is dropped, malformed bytes become U+FFFD. */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  // iconv-lite decodes: Node 20's TextDecoder turns windows-1252's 0x80-0x9F into C1 controls
  // (it decodes the label as ISO-8859-1), losing exactly the curly quotes and € we are after.
  const text = iconv.encodingExists(encoding)
    ? iconv.decode(Buffer.from(bytes), encoding)
    : new TextDecoder(encoding).decode(bytes);
  return text.replace(/^\uFEFF/, '');
}

export function decodeHtmlPage(bytes: Uint8Array, contentType?: string): { text: string; encoding: string } {
  const encoding =
    bomEncoding(bytes) ??
    encodingForLabel(contentTypeCharset(contentType)) ??
    metaEncoding(bytes) ??
    (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  return { text: decodeAs(bytes, encoding), encoding };
}

// A simplified prescan: comments skipped, every <meta> in the first 1,024 bytes read in order.
// The bytes are read as Latin-1, which keeps ASCII markup intact in every encoding a page can
// declare itself in without a BOM.
function metaEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const [tag] of head.matchAll(/<meta[\s/][^>]*>?/gi)) {
    const attrs = readAttributes(tag);
    const charset =
      attrs.get('charset') ??
      (attrs.get('http-equiv')?.toLowerCase() === 'content-type'
        ? contentTypeCharset(attrs.get('content'))
        : undefined);
    const encoding = encodingForLabel(charset);
    if (!encoding) continue;
    // A page that reached us as bytes cannot be UTF-16 if it declares so in ASCII (HTML spec).
    if (encoding.startsWith('utf-16')) return 'utf-8';
    return encoding === 'x-user-defined' ? 'windows-1252' : encoding;
  }
  return undefined;
}

function readAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.slice('<meta'.length).matchAll(/([^\s/>"'=]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
