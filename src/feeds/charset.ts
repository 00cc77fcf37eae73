// Turning feed bytes into text. The evidence, strongest first:
//   1. a byte-order mark: unambiguous, and what browsers and the XML spec (appendix F) let win;
//      a server's charset label is far more often wrong than a BOM;
//   2. the charset in the HTTP Content-Type header;
//   3. the encoding in the XML declaration;
//   4. UTF-8.
// Labels resolve and decode as pages do (fetch/charset.ts, WHATWG Encoding): feeds labelled
// ISO-8859-1 are very often really windows-1252, with curly quotes and € in 0x80-0x9F.
import { bomEncoding, contentTypeCharset, decodeAs, encodingForLabel } from '../fetch/charset.js';

export function decodeFeedBody(body: Buffer | string, contentType?: string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  const encoding =
    bomEncoding(body) ??
    encodingForLabel(contentTypeCharset(contentType)) ??
    encodingForLabel(declaredEncoding(body)) ??
    'utf-8';
  return decodeAs(body, encoding);
}

function declaredEncoding(body: Buffer): string | undefined {
  // The declaration is ASCII in every encoding a declaration can be read in without a BOM.
  const head = body.subarray(0, 512).toString('latin1');
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
}
