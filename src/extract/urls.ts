// URL helpers: absolute resolution and removal of tracking parameters, so that the same story
// shared through a newsletter, Facebook or an ad campaign gets one canonical URL.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ocid',
  'cmpid',
  'cmp',
  'smid',
  'smtyp',
  'sr_share',
  'ref_src',
  'ref_url',
  'ncid',
  '_ga',
  '_gl',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'wt.mc_id',
  'wt_mc_id',
  'icid',
  'int_source',
  'taid',
  'mbid',
  'ito',
  'spm',
  'soc_src',
  'soc_trk',
]);

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || key.startsWith('__twitter') || TRACKING_PARAMS.has(key);
}

/** Resolves `href` against `base`; undefined for unparseable or non-http(s) URLs. */
export function absoluteUrl(href: string | null | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function cleanUrl(href: string | null | undefined, base: string): string | undefined {
  const abs = absoluteUrl(href, base);
  if (!abs) return undefined;
  const url = new URL(abs);
  for (const name of [...url.searchParams.keys()]) {
    if (isTrackingParam(name)) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.href;
}
