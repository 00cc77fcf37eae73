/** An absolute http(s) URL for `value` read relative to `base`, or undefined. */
export function resolveHttpUrl(value: unknown, base: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
