/**
 * Fetching what members link to (issue #11): every class of address that reaches what only the bot's host
 * can reach is refused — before any connection — for a literal, for a name that resolves to one, and after
 * a redirect; a DNS answer that changes after the check cannot move the connection; size, time and content
 * type are limited. The test servers listen on 127.0.0.1, which the strict guard refuses: tests that must
 * reach them inject a guard that allows exactly that address (the only way to allow it: no setting does).
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAddressesOnly, type AddressGuard } from '../src/fetch/address.ts';
import { FetchRefused, fetchSafely, type FetchOptions } from '../src/fetch/fetch.ts';

/** Allows the test server's address and nothing else private: every other address is judged as in production. */
const testServerOnly: AddressGuard = (address) => (address === '127.0.0.1' ? null : publicAddressesOnly(address));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refusal(link: string, options: FetchOptions = {}): Promise<FetchRefused> {
  try {
    await fetchSafely(link, options);
  } catch (error) {
    if (error instanceof FetchRefused) return error;
    throw error;
  }
  throw new Error(`${link} was fetched`);
}

describe('the address guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.100.100.200', 'provider-internal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['fd00:ec2::254', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::', 'unspecified'],
    ['::7f00:1', 'reserved'],
    ['64:ff9b::7f00:1', 'carries another address'],
    ['2002:7f00:1::1', 'carries another address'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, kind) => {
    const problem = publicAddressesOnly(address);
    expect(problem).not.toBeNull();
    expect(problem).toContain(kind);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])('allows the public address %s', (address) => {
    expect(publicAddressesOnly(address)).toBeNull();
  });
});

describe('fetching a member’s link', () => {
  let server: Server;
  let port: number;
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const page = '<html><head><title>News</title></head><body><article><p>Hello.</p></article></body></html>';

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      seen.push({ path, headers: request.headers });
      if (path === '/page') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      if (path === '/text') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('Plain words.');
      const hops = /^\/hops\/(\d+)$/.exec(path);
      if (hops) {
        const left = Number(hops[1]);
        return void response.writeHead(302, { location: left > 0 ? `/hops/${left - 1}` : '/page' }).end();
      }
      if (path === '/to-private') return void response.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
      if (path === '/to-metadata') return void response.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/to-name') return void response.writeHead(307, { location: `http://intranet.test:${port}/page` }).end();
      if (path === '/to-file') return void response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (path === '/big') {
        return void response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) }).end(Buffer.alloc(6 * 1024 * 1024, 0x61));
      }
      if (path === '/big-chunked') {
        // No length stated: the limit is found while the body streams in, and the download stops there.
        response.writeHead(200, { 'content-type': 'text/html' });
        let sent = 0;
        const more = () => {
          while (sent < 64 * 1024 * 1024) {
            sent += 64 * 1024;
            if (!response.write(Buffer.alloc(64 * 1024, 0x62))) return void response.once('drain', more);
          }
          response.end();
        };
        response.on('close', () => bigChunked.push(sent));
        return more();
      }
      if (path === '/slow') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><body><p>The first words');
        const timer = setTimeout(() => response.end('…</p></body></html>'), 5_000);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      if (path === '/image') return void response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
      if (path === '/octets') return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([1, 2, 3]));
      if (path === '/untyped') return void response.writeHead(200).end('no type');
      response.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not found</p>');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  const bigChunked: number[] = [];

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a page from the test server, allowed by the injected guard, sending no cookie or credential', async () => {
    const fetched = await fetchSafely(`http://127.0.0.1:${port}/page`, { guard: testServerOnly });
    expect(fetched.body.toString('utf8')).toBe(page);
    expect(fetched.contentType).toBe('text/html');
    expect(fetched.charset).toBe('utf-8');
    const request = seen.at(-1)!;
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  });

  it.each([
    ['a loopback IPv4 literal', (p: number) => `http://127.0.0.1:${p}/page`],
    ['a loopback IPv6 literal', (p: number) => `http://[::1]:${p}/page`],
    ['an IPv4-mapped IPv6 loopback', (p: number) => `http://[::ffff:127.0.0.1]:${p}/page`],
    ['a loopback written as one number', (p: number) => `http://2130706433:${p}/page`],
    ['a loopback written in hex', (p: number) => `http://0x7f.0.0.1:${p}/page`],
    ['a private network address', () => 'http://10.0.0.1/page'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses %s with the strict guard, before connecting', async (_kind, link) => {
    const before = seen.length;
    const refused = await refusal(link(port));
    expect(refused.reason).toBe('address');
    expect(refused.message).toMatch(/^byline does not read links to /);
    expect(seen.length).toBe(before);
  });

  it('refuses a name that resolves to the loopback, asking the injected resolver, never connecting', async () => {
    const before = seen.length;
    const asked: string[] = [];
    const resolve = async (host: string) => (asked.push(host), [{ address: '127.0.0.1', family: 4 }]);
    const refused = await refusal(`http://news.example:${port}/page`, { resolve });
    expect(asked).toEqual(['news.example']);
    expect(refused.reason).toBe('address');
    expect(refused.message).toBe('byline does not read news.example: it leads to this machine itself (a loopback address).');
    expect(seen.length).toBe(before);
  });

  it('refuses a name with one private address among public ones', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    expect((await refusal('http://mixed.example/page', { resolve })).reason).toBe('address');
  });

  it('connects to the address it checked: a DNS answer that changes afterwards (rebinding) is never asked for', async () => {
    let answers = 0;
    // First answer: the test server (allowed by the test guard); any later one: a private address.
    const resolve = async () => (answers++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]);
    const fetched = await fetchSafely(`http://rebind.example:${port}/page`, { guard: testServerOnly, resolve });
    expect(fetched.body.toString('utf8')).toBe(page);
    expect(answers).toBe(1);
    expect(seen.at(-1)!.headers.host).toBe(`rebind.example:${port}`);
  });

  it('checks every redirect as the first link: a redirect to a private address, to the metadata address, to a name resolving to one, to file:', async () => {
    const resolve = async (host: string) => (host === 'intranet.test' ? [{ address: '192.168.1.20', family: 4 }] : []);
    for (const [path, reason] of [
      ['/to-private', 'address'],
      ['/to-metadata', 'address'],
      ['/to-name', 'address'],
      ['/to-file', 'scheme'],
    ] as const) {
      const refused = await refusal(`http://127.0.0.1:${port}${path}`, { guard: testServerOnly, resolve });
      expect(refused.reason, path).toBe(reason);
    }
  });

  it('follows at most five redirects', async () => {
    expect((await fetchSafely(`http://127.0.0.1:${port}/hops/4`, { guard: testServerOnly })).url).toBe(`http://127.0.0.1:${port}/page`);
    const refused = await refusal(`http://127.0.0.1:${port}/hops/5`, { guard: testServerOnly });
    expect(refused.reason).toBe('redirects');
    expect(refused.message).toBe('That link redirects more than 5 times; byline stopped following it.');
  });

  it('refuses a 6 MB body stated in advance, and stops downloading one that does not say its size (64 MB offered)', async () => {
    expect((await refusal(`http://127.0.0.1:${port}/big`, { guard: testServerOnly })).reason).toBe('size');
    const refused = await refusal(`http://127.0.0.1:${port}/big-chunked`, { guard: testServerOnly });
    expect(refused.reason).toBe('size');
    expect(refused.message).toBe('That page is larger than 5 MB; byline reads articles up to that size.');
    for (let i = 0; i < 50 && bigChunked.length === 0; i++) await sleep(20);
    // The connection was closed long before the server could send the 64 MB it offered.
    expect(bigChunked[0]).toBeLessThan(32 * 1024 * 1024);
  });

  it('gives up on a body slower than the time limit', async () => {
    const refused = await refusal(`http://127.0.0.1:${port}/slow`, { guard: testServerOnly, limits: { timeoutMs: 300 } });
    expect(refused.reason).toBe('timeout');
    expect(refused.message).toBe('The site took longer than 0.3 s to send the page; byline gave up.');
  });

  it('takes HTML and text only: an image, bytes of no kind, a body of no stated type are refused', async () => {
    expect((await fetchSafely(`http://127.0.0.1:${port}/text`, { guard: testServerOnly })).contentType).toBe('text/plain');
    for (const path of ['/image', '/octets', '/untyped']) {
      const refused = await refusal(`http://127.0.0.1:${port}${path}`, { guard: testServerOnly });
      expect(refused.reason, path).toBe('type');
    }
    expect((await refusal(`http://127.0.0.1:${port}/image`, { guard: testServerOnly })).message).toBe(
      'That link is a image/png file, not a web page or text; byline reads articles from HTML or text only.',
    );
  });

  it('says when the site answers with an error, and refuses what is not an http(s) link', async () => {
    expect((await refusal(`http://127.0.0.1:${port}/missing`, { guard: testServerOnly })).message).toBe(
      'The site answered with an error (HTTP 404), so there is no article to read.',
    );
    expect((await refusal('ftp://example.org/a.txt')).reason).toBe('scheme');
    expect((await refusal('file:///etc/passwd')).reason).toBe('scheme');
    expect((await refusal('javascript:alert(1)')).reason).toBe('scheme');
    expect((await refusal('http://user:secret@example.org/')).reason).toBe('credentials');
    expect((await refusal('not a link at all')).reason).toBe('url');
    expect((await refusal('https://')).reason).toBe('url');
  });
});
