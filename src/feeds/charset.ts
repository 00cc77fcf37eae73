// Turning feed bytes into text. The evidence, strongest first:
//   1. a byte-order mark: unambiguous, and what browsers and the XML spec (appendix F) let win;
//      a server's charset label is far more often wrong than a BOM;
//   2. the charset in the HTTP Content-Type header;
//   3. the encoding in the XML declaration;
//   4. UTF-8.
// Latin-1 and ASCII labels decode as windows-1252, as browsers do (WHATWG Encoding): feeds
// labelled ISO-8859-1 are very often really 1252, with curly quotes and € in 0x80-0x9F, and the
// two agree everywhere else.
import iconv from 'iconv-lite';

const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
};

export function decodeFeedBody(body: Buffer | string, contentType?: string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  const encoding = bomEncoding(body) ?? usable(headerCharset(contentType)) ?? usable(declaredEncoding(body)) ?? 'utf-8';
  // iconv-lite drops a leading BOM for the Unicode encodings.
  return iconv.decode(body, encoding).replace(/^\uFEFF/, '');
}

function bomEncoding(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1] : undefined;
}

function declaredEncoding(body: Buffer): string | undefined {
  // The declaration is ASCII in every encoding a declaration can be read in without a BOM.
  const head = body.subarray(0, 512).toString('latin1');
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
}

function usable(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const normalized = label.trim().toLowerCase();
  const encoding = ALIASES[normalized] ?? normalized;
  return iconv.encodingExists(encoding) ? encoding : undefined;
}
