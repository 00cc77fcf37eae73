// Dates arrive as ISO 8601 with or without a zone, RFC 2822 from feeds, or bare dates. All are
// stored as ISO 8601 UTC; a timestamp without a zone is read as UTC rather than as the
// machine's local time, so results do not depend on where lede runs.

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const COMPACT_OFFSET = /([+-]\d{2})(\d{2})$/;

export function toIsoUtc(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  let text = value.trim();
  if (!text) return undefined;
  if (ISO_WITHOUT_ZONE.test(text)) text = `${text.replace(' ', 'T')}Z`;
  else if (/T\d{2}:\d{2}/.test(text)) text = text.replace(COMPACT_OFFSET, '$1:$2');
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  // Years far outside the web's lifetime are placeholders ("0001-01-01") or parse accidents.
  if (year < 1990 || year > 2100) return undefined;
  return new Date(ms).toISOString();
}
