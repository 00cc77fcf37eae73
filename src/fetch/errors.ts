// Why a fetch failed, as a stable code the caller can branch on (see classify.ts); the message
// is for people and always starts with "fetch: ".

export type FetchErrorCode =
  /** The host is or resolves to a private, loopback, link-local or metadata address. */
  | 'private_address'
  /** The body (as sent or once decompressed) is larger than maxBytes. */
  | 'too_large'
  /** Connect, headers or the whole request took too long. */
  | 'timeout'
  | 'too_many_redirects'
  /** DNS failure, refused or reset connection, TLS error. */
  | 'network'
  /** Not a parseable http(s) URL, or a redirect without a usable Location. */
  | 'bad_url'
  /** `requireHtml` was set and the page is something else (PDF, image, …). */
  | 'not_html'
  /** Content-Encoding we cannot decode, or a corrupt compressed body. */
  | 'bad_encoding';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
