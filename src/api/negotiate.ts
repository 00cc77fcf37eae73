// HTTP content negotiation and conditional requests, by the rules of RFC 9110:
// Accept with q-values (12.5.1), If-None-Match with weak comparison (13.1.2).

export type ResponseFormat = 'json' | 'ninjs';

const OFFERS: Array<{ format: ResponseFormat; type: string }> = [
  { format: 'json', type: 'application/json' },
  { format: 'ninjs', type: 'application/ninjs+json' },
];

interface Range {
  type: string;
  q: number;
  order: number;
}

function parseAccept(header: string): Range[] {
  return header.split(',').flatMap((part, order) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!type) return [];
    const qParam = params.find((p) => /^q\s*=/.test(p));
    const q = qParam ? Number(qParam.replace(/^q\s*=\s*/, '')) : 1;
    return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, q, order }] : [];
  });
}

/** How specifically `range` names `type`: 3 exact, 2 "application/*", 1 "*\/*", 0 not at all. */
function specificity(range: string, type: string): number {
  if (range === type) return 3;
  if (range === '*/*') return 1;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1)) ? 2 : 0;
}

/**
 * The representation an Accept header prefers: each offer takes the q of the most specific range
 * naming it; the highest q wins, then the more specific match, then the one the client listed
 * first. No header, or nothing acceptable, is plain JSON (the API's default, never a 406).
 */
export function preferredFormat(accept: string | undefined): ResponseFormat {
  if (!accept) return 'json';
  const ranges = parseAccept(accept);
  let best: { format: ResponseFormat; q: number; spec: number; order: number } | undefined;
  for (const offer of OFFERS) {
    let match: Range | undefined;
    let spec = 0;
    for (const r of ranges) {
      const s = specificity(r.type, offer.type);
      if (s > spec) [match, spec] = [r, s];
    }
    if (!match || match.q === 0) continue;
    const better =
      !best ||
      match.q > best.q ||
      (match.q === best.q && (spec > best.spec || (spec === best.spec && match.order < best.order)));
    if (better) best = { format: offer.format, q: match.q, spec, order: match.order };
  }
  return best?.format ?? 'json';
}

/** Weak comparison: W/"x" and "x" match; "*" matches any current representation. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === wanted);
}
