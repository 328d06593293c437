/**
 * Fetching what a member links to, safely: byline connects where members tell it to, so this is where
 * someone would try to reach what only the bot's host can reach (its cloud metadata, a database on the
 * private network, an admin page on localhost).
 *
 * - http and https only; no user name or password in the link; no cookies or credentials are ever sent.
 * - The host's addresses are resolved, every one checked ({@link AddressGuard}), and the connection made to
 *   the address that was checked (the socket's `lookup` returns it): a DNS answer that changes between the
 *   check and the connection (DNS rebinding) cannot move it to a private address.
 * - Redirects are followed by hand, each hop checked like the first, at most {@link FetchLimits.redirects}.
 * - A time limit for the whole fetch (every hop), a size limit counted while the body streams in (the
 *   download stops there), and HTML or text content types only.
 *
 * Every refusal is a {@link FetchRefused} whose message is written for the member.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { UserInputError } from '../engine.ts';
import { isIpLiteral, publicAddressesOnly, type AddressGuard } from './address.ts';

/** Resolves a host name to its addresses (all of them). Injectable, so tests need no DNS. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export interface FetchLimits {
  /** Redirects followed at most (default 5). */
  redirects: number;
  /** Milliseconds for the whole fetch, every hop and the body included (default 10 s). */
  timeoutMs: number;
  /** Bytes of body read at most (default 5 MB); a larger body is refused, and its download stopped. */
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: Readonly<FetchLimits> = { redirects: 5, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 };

export interface FetchOptions {
  limits?: Partial<FetchLimits>;
  /** Which addresses may be connected to (default: public unicast only). Tests inject one that allows their own loopback server. */
  guard?: AddressGuard;
  /** Host name resolution (default: the system's, every address). */
  resolve?: Resolver;
  /** Content types taken (default {@link PAGE_TYPES}); the parameters (charset) are ignored. */
  accept?: readonly string[];
}

/** HTML and text: what a page of news is served as. */
export const PAGE_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml', 'text/plain'];
/** What an attachment of an article file may be served as (Discord's CDN names .md and .csv by their type). */
export const FILE_TYPES: readonly string[] = [...PAGE_TYPES, 'text/markdown', 'text/x-markdown', 'text/csv', 'application/csv', 'text/x-csv'];

export interface Fetched {
  /** The URL finally read, after redirects. */
  url: string;
  /** The media type, lower case, without parameters ("text/html"). */
  contentType: string;
  /** The charset the server named, lower case, or null. */
  charset: string | null;
  body: Buffer;
}

/** A link byline will not read, or could not; the message says why, for the member. */
export class FetchRefused extends UserInputError {
  override name = 'FetchRefused';
  constructor(
    message: string,
    /** A short machine-readable reason, for logs and tests: `scheme`, `address`, `redirects`, `size`, `timeout`, `type`, `status`, `network`, `credentials`, `url`. */
    readonly reason: string,
  ) {
    super(message);
  }
}

const defaultResolve: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Fetches `link` within the limits, checking every address it would connect to. */
export async function fetchSafely(link: string, options: FetchOptions = {}): Promise<Fetched> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const guard = options.guard ?? publicAddressesOnly;
  const resolve = options.resolve ?? defaultResolve;
  const accept = options.accept ?? PAGE_TYPES;
  const deadline = Date.now() + limits.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let current = parseLink(link);
    for (let hop = 0; ; hop++) {
      const address = await checkedAddress(current, guard, resolve, deadline);
      const response = await get(current, address, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.destroy();
        if (hop >= limits.redirects) {
          throw new FetchRefused(`That link redirects more than ${limits.redirects} times; byline stopped following it.`, 'redirects');
        }
        current = parseLink(new URL(response.headers.location, current).href);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new FetchRefused(`The site answered with an error (HTTP ${status}), so there is no article to read.`, 'status');
      }
      const { type, charset } = contentTypeOf(response.headers['content-type']);
      if (!accept.includes(type)) {
        response.destroy();
        throw new FetchRefused(
          `That link is ${type ? `a ${type} file` : 'of no stated type'}, not a web page or text; byline reads articles from HTML or text only.`,
          'type',
        );
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        response.destroy();
        throw tooLarge(limits.maxBytes);
      }
      const body = await readLimited(response, limits.maxBytes);
      return { url: current.href, contentType: type, charset, body };
    }
  } catch (error) {
    if (controller.signal.aborted || (error instanceof Error && error.name === 'AbortError')) {
      throw new FetchRefused(`The site took longer than ${(limits.timeoutMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s to send the page; byline gave up.`, 'timeout');
    }
    if (error instanceof FetchRefused) throw error;
    throw new FetchRefused(`byline could not reach that site (${networkReason(error)}).`, 'network');
  } finally {
    clearTimeout(timer);
  }
}

/** A link as byline will read it: http(s), no credentials. */
function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new FetchRefused('That is not a link byline can read; give the whole address, starting with https://.', 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefused(`byline only reads http and https links, not ${url.protocol.replace(/:$/, '')}:.`, 'scheme');
  }
  if (url.username || url.password) {
    throw new FetchRefused('byline does not read links with a user name or password in them.', 'credentials');
  }
  url.hash = '';
  return url;
}

/**
 * The address to connect to for `url`: every address the host resolves to must be allowed (a name with
 * one private address among public ones is refused: which one a connection would use is not ours to
 * know), and the first is the one connected to.
 */
async function checkedAddress(url: URL, guard: AddressGuard, resolve: Resolver, deadline: number): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIpLiteral(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await withDeadline(resolve(host), deadline);
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new FetchRefused(`byline could not find the site ${host} (no such name).`, 'network');
    }
  }
  if (addresses.length === 0) throw new FetchRefused(`byline could not find the site ${host} (no such name).`, 'network');
  for (const { address } of addresses) {
    const problem = guard(address);
    if (problem) {
      throw new FetchRefused(
        isIpLiteral(host)
          ? `byline does not read links to ${problem}.`
          : `byline does not read ${host}: it leads to ${problem}.`,
        'address',
      );
    }
  }
  return addresses[0]!;
}

/** One GET, connected to `address` whatever the name resolves to now; no cookies, no credentials, no keep-alive. */
function get(url: URL, address: { address: string; family: number }, signal: AbortSignal): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'GET',
        agent: false,
        lookup: pinned,
        signal,
        headers: {
          'user-agent': 'byline/0.1 (Discord bot reading a news article a member shared)',
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/*;q=0.8',
          'accept-encoding': 'identity',
        },
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Reads the body up to `max` bytes; past it, stops the download and refuses. */
function readLimited(response: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        // Refused first: destroying the response emits 'aborted' at once, which must not be the reason given.
        reject(tooLarge(max));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('aborted', () => reject(new FetchRefused('The site stopped sending the page half-way.', 'network')));
  });
}

function tooLarge(max: number): FetchRefused {
  return new FetchRefused(`That page is larger than ${Math.round(max / 1024 / 1024)} MB; byline reads articles up to that size.`, 'size');
}

function contentTypeOf(header: string | undefined): { type: string; charset: string | null } {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim());
  const charset = parameters.map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1]).find(Boolean) ?? null;
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() ?? null };
}

async function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'AbortError' })), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function networkReason(error: unknown): string {
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was cut';
    case 'ENOTFOUND':
      return 'no such site';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'its certificate is not valid';
    default:
      return code || 'a network error';
  }
}
