// Caps on the text fields a hostile or broken source can make arbitrarily long (a 3 MB feed
// title once made one /v1/articles page 9 MB). A cut field is recorded, never silent: the record
// carries `truncated`, each cut field with its original length in characters.

export const FIELD_LIMITS = {
  title: 1_000,
  byline: 500,
  summary: 10_000,
  bodyText: 1_000_000,
  bodyHtml: 2_000_000,
} as const;

/** Original lengths (characters) of the fields that were cut, by field name. */
export type Truncated = Record<string, number>;

/** `text` cut to at most `limit` characters, never between the two halves of a surrogate pair. */
export function cutText(text: string, limit: number): string {
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/** HTML cut at the last tag end within `limit`, so no tag is left half written. */
export function cutHtml(html: string, limit: number): string {
  const end = html.lastIndexOf('>', limit - 1);
  return end < 0 ? '' : html.slice(0, end + 1);
}

/**
 * Caps `fields` of `record` (absent fields stay absent) and records what was cut in
 * `truncated`, merged with any recorded before.
 */
export function capFields<T extends { truncated?: Truncated }>(
  record: T,
  fields: readonly (keyof typeof FIELD_LIMITS & keyof T)[],
  html: readonly string[] = [],
): T {
  const truncated: Truncated = { ...record.truncated };
  const capped: Record<string, unknown> = { ...record };
  for (const field of fields) {
    const value = record[field];
    const limit = FIELD_LIMITS[field];
    if (typeof value !== 'string' || value.length <= limit) continue;
    truncated[field] = value.length;
    capped[field] = html.includes(field) ? cutHtml(value, limit) : cutText(value, limit);
  }
  if (Object.keys(truncated).length) capped.truncated = truncated;
  return capped as T;
}
