// Feed dates come as RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) or W3C-DTF (Dublin Core).
// Everything leaves here as ISO 8601 in UTC, or not at all.

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export function toIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let text = value.trim();
  // A date-time without a zone would be read in the server's local zone; feeds mean UTC.
  if (LOCAL_DATE_TIME.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
