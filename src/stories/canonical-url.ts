// One page, one URL: the same article reaches us over http and https, with and without `www.`,
// through mobile and AMP mirrors, and with campaign parameters appended by every share button.
// canonicalizeUrl folds those variants so `findLatestByUrl` sees one key per page. It keeps the
// page's scheme, though: the result is stored as the record's canonical link (and ninjs
// altids), and an http-only site's link turned https would be broken. Lookups try both
// schemes instead (urlVariants).

/** Query parameters that only track the click; they never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ocid',
  'cmpid',
  'cmp',
  'smid',
  'ref',
  'ref_src',
  'ref_url',
  'ito',
  'wt.mc_id',
  'mbid',
  'sr_share',
  'taid',
  'guccounter',
  '_ga',
  '_gl',
  'amp',
  'outputtype',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'ns_'];

/** Host prefixes that serve the same article as the bare host. */
const MIRROR_HOST_PREFIX = /^(?:www\d?|m|mobile|amp)\./;

function isTracking(name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (TRACKING_PREFIXES.some((p) => key.startsWith(p))) return true;
  // `amp` and `outputType` only mark the AMP rendering; other values of `output` may select content.
  if (key === 'output') return value.toLowerCase() === 'amp';
  return TRACKING_PARAMS.has(key);
}

/**
 * Canonical form of an article URL: its own scheme (http or https), lowercase host without www/m/mobile/amp prefixes,
 * no default port, fragment, tracking parameters or AMP markers; remaining parameters sorted;
 * no trailing slash. Unparseable input is returned trimmed, unchanged.
 */
export function canonicalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return parsed.href;

  let host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  while (MIRROR_HOST_PREFIX.test(host) && host.split('.').length > 2) host = host.replace(MIRROR_HOST_PREFIX, '');
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';

  let path = parsed.pathname
    .replace(/\/{2,}/g, '/')
    .replace(/\/amp(?=\/|$)/g, '')
    .replace(/\.amp(?=\.html?$|$)/, '')
    .replace(/\/index\.html?$/, '/')
    .replace(/\/+$/, '');

  const params = [...parsed.searchParams.entries()]
    .filter(([name, value]) => !isTracking(name, value))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  if (path === '') path = query === '' ? '' : '/';

  return `${parsed.protocol}//${host}${port}${path}${query}`;
}

/** The canonical URL under both schemes, for lookups: the same page is served over http and https. */
export function urlVariants(canonicalUrl: string): string[] {
  const rest = /^https?:(\/\/.*)$/.exec(canonicalUrl)?.[1];
  return rest === undefined ? [canonicalUrl] : [`https:${rest}`, `http:${rest}`];
}
