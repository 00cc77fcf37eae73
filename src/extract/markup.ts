// Whether text handed to us as plain text is really HTML (a CMS export, a feed's description
// copied as is). Known element tags only, so "a < b" or "<3" in prose never counts as markup.
const HTML_TAG =
  /<\/?(p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|blockquote|article|section|main|header|footer|nav|figure|figcaption|img|table|tr|td|html|head|body|title|meta|script|style)(\s[^<>]*)?\/?>/i;
const WHOLE_PAGE = /<(html|head|body)[\s>]/i;

export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

/** A whole document (to extract like a fetched page) rather than a fragment of article HTML. */
export function isWholePage(html: string): boolean {
  return WHOLE_PAGE.test(html);
}
