import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  assertPublicUrl,
  guardedLookup,
  isPrivateAddress,
  oncePerHostLookup,
  type LookupFunction,
} from '../../src/fetch/address-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '127.255.0.9',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe', // 169.254.169.254, as URL parsing writes it
    '[::ffff:10.0.0.1]',
    '::127.0.0.1', // IPv4-compatible
    '::a9fe:a9fe',
    '::8.8.8.8', // the whole deprecated ::/96 range
    '2002:7f00:1::', // 6to4 embedding 127.0.0.1
    '2002:a9fe:a9fe::1', // 6to4 embedding 169.254.169.254
    '2002:c0a8:101:1::5', // 6to4 embedding 192.168.1.1
    'fec0::1', // site-local
    'feff::1',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:808:808::1', // 6to4 embedding the public 8.8.8.8
  ])('lets public %s through', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('assertPublicUrl', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://0x7f.1/', // 127.0.0.1 in a form the URL parser normalizes
    'http://2130706433/',
    'http://localhost/',
    'http://[::127.0.0.1]/',
    'http://[2002:7f00:1::]/',
    'http://[fec0::1]/',
  ])('refuses %s with code private_address', async (url) => {
    await expect(assertPublicUrl(new URL(url), [])).rejects.toMatchObject({ code: 'private_address' });
  });

  it('allows a private host listed as host or host:port', async () => {
    await expect(assertPublicUrl(new URL('http://127.0.0.1:8080/'), ['127.0.0.1:8080'])).resolves.toBeUndefined();
    await expect(assertPublicUrl(new URL('http://127.0.0.1:9090/'), ['127.0.0.1'])).resolves.toBeUndefined();
    await expect(assertPublicUrl(new URL('http://127.0.0.1:9090/'), ['127.0.0.1:8080'])).rejects.toMatchObject({
      code: 'private_address',
    });
  });

  it('refuses schemes other than http and https', async () => {
    await expect(assertPublicUrl(new URL('file:///etc/passwd'), [])).rejects.toMatchObject({ code: 'bad_url' });
  });
});

describe('oncePerHostLookup', () => {
  // A resolver whose answer changes on every call (a rebinding name): the page's checks and its
  // connection must all see the first answer, asked for once.
  const rebinding = () => {
    const answers = ['93.184.216.34', '127.0.0.1'];
    let calls = 0;
    const lookup = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) => {
      const address = answers[Math.min(calls++, answers.length - 1)];
      setImmediate(() => callback(null, [{ address, family: 4 }]));
    }) as unknown as LookupFunction;
    return { lookup, calls: () => calls };
  };

  it("answers a page's address checks and its connection from one DNS lookup", async () => {
    const dns = rebinding();
    const once = oncePerHostLookup(dns.lookup);
    const url = new URL('http://news.test/story');
    await assertPublicUrl(url, [], once);
    await assertPublicUrl(url, [], once);
    const connected = await new Promise<string | LookupAddress[]>((resolve, reject) =>
      guardedLookup(once)('news.test', { all: true }, (err, address) => (err ? reject(err) : resolve(address))),
    );
    expect(connected).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(dns.calls()).toBe(1);
  });

  it('asks again for another host, and a fresh one asks again for the same host', async () => {
    const dns = rebinding();
    const once = oncePerHostLookup(dns.lookup);
    await assertPublicUrl(new URL('http://a.test/'), [], once);
    await expect(assertPublicUrl(new URL('http://b.test/'), [], once)).rejects.toMatchObject({
      code: 'private_address',
    });
    expect(dns.calls()).toBe(2);
    await expect(assertPublicUrl(new URL('http://a.test/'), [], oncePerHostLookup(dns.lookup))).rejects.toMatchObject({
      code: 'private_address',
    });
  });
});
