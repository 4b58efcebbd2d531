/**
 * Fetches one web page for ingestion, with the limits a server that fetches URLs for its users
 * needs (SSRF): http/https only, no credentials in the URL, at most `maxRedirects` redirects, one
 * overall time bound, a byte cap on the body (checked against Content-Length and while streaming), no
 * compression (nothing to inflate), and every hop's *resolved* addresses checked: a name that resolves
 * to a private, loopback, link-local, multicast or reserved address is refused unless the address
 * lies in `allowedNetworks` (config). The check is in the socket's `lookup`, so the address checked
 * is the address connected to (no DNS-rebinding window); IP literals are checked before connecting.
 */
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { parseCidr } from '../../core/config/schema.ts';
import { PropoError } from '../../core/errors/index.ts';

export interface WebFetchOptions {
  /** Largest body accepted (MAX_FILE_SIZE_MB). */
  maxBytes: number;
  /** web.timeoutMs: the whole fetch, all redirects included. */
  timeoutMs: number;
  /** web.maxRedirects */
  maxRedirects: number;
  /** web.allowedNetworks: CIDRs (e.g. 127.0.0.1/32, 10.0.0.0/8) allowed although private. */
  allowedNetworks: readonly string[];
  userAgent?: string;
}

export interface FetchedPage {
  /** The URL asked for. */
  requestedUrl: string;
  /** Where the content came from (after redirects). */
  url: string;
  /** A file name for the document, from the final URL and the content type (e.g. `example.com-notes.html`). */
  fileName: string;
  bytes: Uint8Array;
  contentType: string;
  redirects: number;
}

export interface WebFetcher {
  fetch(url: string, options?: { signal?: AbortSignal }): Promise<FetchedPage>;
}

/** Address ranges never fetched unless allowed: RFC 6890 special-purpose blocks that are not the public internet. */
const PRIVATE_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const PRIVATE_V6: Array<[string, number]> = [
  ['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];

const privateRanges = new BlockList();
for (const [net, prefix] of PRIVATE_V4) privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of PRIVATE_V6) privateRanges.addSubnet(net, prefix, 'ipv6');

/** IPv4 embedded in IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), as dotted IPv4; else null. */
export function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::ffff:0:)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] ?? null;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const parts = hex ?? sixToFour;
  if (!parts) return null;
  const hi = parseInt(parts[1] ?? '0', 16);
  const lo = parseInt(parts[2] ?? '0', 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when `address` (an IP literal) is not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const v4 = isIP(address) === 4 ? address : embeddedIpv4(address);
  if (v4 !== null) return privateRanges.check(v4, 'ipv4');
  return privateRanges.check(address, 'ipv6');
}

/** A BlockList of the allowed networks; a malformed entry is a config error that names it. */
export function allowedNetworkList(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of networks) {
    const cidr = parseCidr(entry);
    if (!cidr) {
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', `web.allowedNetworks: "${entry}" is not an address or CIDR (e.g. 127.0.0.1/32, 10.0.0.0/8, fd00::/8).`);
    }
    list.addSubnet(cidr.net, cidr.prefix, cidr.family);
  }
  return list;
}

function refused(url: string, address: string): PropoError {
  return new PropoError('PROPO_ERR_URL_REFUSED', `${url} resolves to ${address}, a private, loopback or link-local address; Propo does not fetch those. ` +
    'If this server is yours, allow its network in web.allowedNetworks (e.g. 192.168.1.0/24).', { details: { address } });
}

/** The file name for a page: host and path, safe characters only, with the extension of its type. */
export function pageFileName(url: URL, extension: string): string {
  const path = decodeURIComponent(url.pathname).replace(/\.(html?|xhtml|pdf|txt|md)$/i, '');
  const base = `${url.hostname}${path}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 120);
  return `${base || 'page'}${extension}`;
}

const TYPES: Record<string, string> = {
  'text/html': '.html', 'application/xhtml+xml': '.html', 'application/pdf': '.pdf', 'text/plain': '.txt', 'text/markdown': '.md',
};

/** Bytes as UTF-8 when the response names another charset (the parsers read UTF-8/BOMs). */
function toUtf8(bytes: Uint8Array, contentType: string): Uint8Array {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return bytes;
  try {
    return new TextEncoder().encode(new TextDecoder(charset).decode(bytes));
  } catch {
    return bytes;
  }
}

export function createWebFetcher(options: WebFetchOptions): WebFetcher {
  const allowed = allowedNetworkList(options.allowedNetworks);
  const isAllowed = (address: string): boolean => {
    if (!isPrivateAddress(address)) return true;
    const v4 = isIP(address) === 4 ? address : embeddedIpv4(address);
    return v4 !== null ? allowed.check(v4, 'ipv4') : allowed.check(address, 'ipv6');
  };

  const request = (url: URL, signal: AbortSignal): Promise<http.IncomingMessage> => new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 && !isAllowed(host)) { reject(refused(url.href, host)); return; }
    // Every address the name resolves to must be allowed, and only those are connected to.
    const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) { callback(error, '', 0); return; }
        const bad = addresses.find((a) => !isAllowed(a.address));
        if (bad) { callback(refused(url.href, bad.address) as unknown as NodeJS.ErrnoException, '', 0); return; }
        if (lookupOptions.all === true) (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
      });
    };
    const module = url.protocol === 'https:' ? https : http;
    const req = module.get(url, {
      lookup, signal, agent: false,
      headers: { 'user-agent': options.userAgent ?? 'Propo/1 (+personal research assistant)', accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8', 'accept-encoding': 'identity' },
    }, resolve);
    req.on('error', reject);
  });

  const readBody = (response: http.IncomingMessage, url: string, signal: AbortSignal): Promise<Uint8Array> => new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (): PropoError => new PropoError('PROPO_ERR_FILE_TOO_LARGE', `${url} is larger than ${(options.maxBytes / 1024 / 1024).toFixed(2)} MB (MAX_FILE_SIZE_MB); the download was stopped. Save a smaller page or raise the limit.`);
    const declared = Number(response.headers['content-length'] ?? Number.NaN);
    if (declared > options.maxBytes) { reject(tooLarge()); response.destroy(); return; }
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes) { reject(tooLarge()); response.destroy(); return; }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    response.on('error', reject);
    response.on('aborted', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')));
  });

  return {
    async fetch(raw, fetchOptions = {}) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new PropoError('PROPO_ERR_VALIDATION', `"${raw.slice(0, 200)}" is not a URL. Give a full address such as https://example.com/article.`);
      }
      const checkUrl = (candidate: URL): void => {
        if (candidate.protocol !== 'http:' && candidate.protocol !== 'https:') {
          throw new PropoError('PROPO_ERR_URL_REFUSED', `${candidate.href.slice(0, 200)}: only http and https pages are fetched.`);
        }
        if (candidate.username !== '' || candidate.password !== '') {
          throw new PropoError('PROPO_ERR_URL_REFUSED', `${candidate.host}: URLs with a user name or password are not fetched (they would be stored with the document). Remove them from the URL.`);
        }
      };
      checkUrl(url);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = fetchOptions.signal ? AbortSignal.any([fetchOptions.signal, timeout]) : timeout;
      const mapError = (error: unknown, at: URL): PropoError => {
        if (timeout.aborted) return new PropoError('PROPO_ERR_TIMEOUT', `Fetching ${at.href} took longer than ${options.timeoutMs} ms and was stopped. Retry, or raise web.timeoutMs.`, { cause: error });
        if (fetchOptions.signal?.aborted) return new PropoError('PROPO_ERR_ABORTED', `Fetching ${at.href} was cancelled.`, { cause: error });
        if (error instanceof PropoError) return error;
        const code = (error as NodeJS.ErrnoException).code ?? '';
        return new PropoError('PROPO_ERR_URL_FETCH', `${at.href} could not be fetched (${code || (error instanceof Error ? error.message : String(error))}). Check the address and your connection, then retry.`, { cause: error });
      };
      for (let redirects = 0; ; redirects += 1) {
        let response: http.IncomingMessage;
        try {
          response = await request(url, signal);
        } catch (error) {
          throw mapError(error, url);
        }
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          response.resume();
          if (redirects >= options.maxRedirects) {
            throw new PropoError('PROPO_ERR_URL_REFUSED', `${raw} redirected more than ${options.maxRedirects} times (web.maxRedirects); stopped at ${url.href}.`);
          }
          const next = new URL(location, url);
          checkUrl(next);
          url = next;
          continue;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          throw new PropoError('PROPO_ERR_URL_FETCH', `${url.href} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}. Check the address; the page may need a login, which Propo does not do.`, { details: { status } });
        }
        const contentType = String(response.headers['content-type'] ?? '').toLowerCase();
        const extension = TYPES[contentType.split(';')[0]?.trim() ?? ''];
        if (extension === undefined) {
          response.resume();
          throw new PropoError('PROPO_ERR_UNSUPPORTED_TYPE', `${url.href} is ${contentType || 'of no stated type'}; pages are ingested when they are HTML, PDF or plain text. Download the file and ingest it instead.`);
        }
        let bytes: Uint8Array;
        try {
          bytes = await readBody(response, url.href, signal);
        } catch (error) {
          throw mapError(error, url);
        }
        return { requestedUrl: raw, url: url.href, fileName: pageFileName(url, extension), bytes: extension === '.pdf' ? bytes : toUtf8(bytes, contentType), contentType, redirects };
      }
    },
  };
}
