// The private-address guard (SSRF): a feed URL or a redirect must never make us talk to the
// machine we run on, the cluster network or a cloud metadata service. Addresses are checked
// three times: before the request (a clear error without opening a socket), after every
// redirect, and at connect time through the socket's own DNS lookup, so a name that resolves to a
// public address first and a private one a moment later (DNS rebinding) is still refused.
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { FetchError } from './errors.js';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, includes the 169.254.169.254 metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // IPv4-compatible (deprecated), includes :: (unspecified) and ::1
  ['fec0::', 10], // site-local (deprecated, still routed privately by some networks)
  ['fe80::', 10], // link-local
  ['fc00::', 7], // unique-local, includes the fd00:ec2::254 metadata service
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: embeds an IPv4 address we cannot vouch for
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/**
 * True for loopback, private, link-local, unique-local, site-local, CGNAT, multicast and
 * metadata addresses. IPv4-mapped IPv6 forms (::ffff:10.0.0.1) are matched against the IPv4
 * ranges by BlockList itself; a 6to4 address (2002:AABB:CCDD::/48) by the IPv4 address it embeds.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (blocked.check(bare, 'ipv6')) return true;
  const embedded = sixToFourAddress(bare);
  return embedded !== undefined && blocked.check(embedded, 'ipv4');
}

/** The IPv4 address inside a 6to4 address (2002::/16: bits 16-47), else undefined. */
function sixToFourAddress(ipv6: string): string | undefined {
  const groups = ipv6Groups(ipv6);
  if (groups[0] !== 0x2002) return undefined;
  return [groups[1] >> 8, groups[1] & 0xff, groups[2] >> 8, groups[2] & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(ipv6: string): number[] {
  // The URL parser writes any valid form (a trailing dotted quad included) as hex groups with
  // at most one "::".
  const canonical = new URL(`http://[${ipv6}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::');
  const split = (part: string | undefined) => (part ? part.split(':') : []);
  const groups =
    tail === undefined
      ? split(head)
      : [...split(head), ...Array<string>(8 - split(head).length - split(tail).length).fill('0'), ...split(tail)];
  return groups.map((g) => parseInt(g, 16));
}

/** `host` and `host:port` entries of `fetch.allowPrivateHosts` that may resolve privately. */
export function isAllowlisted(url: URL, allowPrivateHosts: readonly string[]): boolean {
  if (allowPrivateHosts.length === 0) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowPrivateHosts.some((entry) => {
    const wanted = entry.toLowerCase();
    return wanted === host || wanted === `${host}:${port}`;
  });
}

export type LookupFunction = typeof dnsLookup;

/**
 * Refuses a URL whose host is, or resolves to, a private address, unless allowlisted. Only
 * http and https are fetched at all.
 */
export async function assertPublicUrl(
  url: URL,
  allowPrivateHosts: readonly string[],
  lookup: LookupFunction = dnsLookup,
): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', `fetch: only http and https URLs are fetched, not ${url.protocol}`);
  }
  if (isAllowlisted(url, allowPrivateHosts)) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(host, lookup);
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined) throw privateAddressError(url.hostname, refused);
}

/**
 * A `lookup` for the socket's connect options: resolves as usual, then fails the connection if
 * any resolved address is private. Used for hosts that are not allowlisted.
 */
export function guardedLookup(lookup: LookupFunction = dnsLookup) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused) return callback(privateAddressError(hostname, refused.address), []);
      // net.connect asks for a list when it races address families, else for one address.
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A lookup that asks DNS once per host and family and answers every later question from that:
 * one for a page's whole fetch (the private-address check before robots.txt, the check before the
 * request, the connection's own lookup), instead of one each. The connection then goes to the
 * very addresses that were checked. Use a fresh one per page: it never forgets.
 */
export function oncePerHostLookup(lookup: LookupFunction = dnsLookup): LookupFunction {
  const answers = new Map<string, Promise<LookupAddress[]>>();
  return ((hostname: string, options: LookupOptions, callback: LookupCallback) => {
    const key = `${hostname} ${options.family ?? 0}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = new Promise((resolve, reject) =>
        lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) =>
          err ? reject(err) : resolve(addresses),
        ),
      );
      answers.set(key, answer);
    }
    answer.then(
      (addresses) => {
        if (options.all) return callback(null, addresses);
        const [first] = addresses;
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  }) as LookupFunction;
}

function resolveAll(host: string, lookup: LookupFunction): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (err, addresses: LookupAddress[]) => {
      if (err) reject(new FetchError('network', `fetch: cannot resolve ${host}: ${err.code ?? err.message}`));
      else resolve(addresses.map((a) => a.address));
    });
  });
}

function privateAddressError(host: string, address: string): FetchError {
  return new FetchError('private_address', `fetch: ${host} resolves to private address ${address}`);
}
