import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The cookie a board's token is exchanged for, once: the token need not stay in addresses, history or logs. */
export const TOKEN_COOKIE = 'irp_board';

export type AccessVerdict =
  | { kind: 'allowed'; url: URL }
  | { kind: 'refused'; status: number; message: string }
  /** The token came in the address: set the cookie and send the page to the same address without it. */
  | { kind: 'exchange'; location: string; cookie: string };

/**
 * Who the board answers: a request it can read, addressed to a name it was told to answer to (an IP address, this
 * machine's own names, or `--allow-host`; any other Host is a page elsewhere reaching in through DNS rebinding),
 * carrying the token where there is one: as the cookie it was exchanged for, as `Authorization: Bearer`, or, once,
 * in the address.
 */
export function boardAccess(options: { token?: string | undefined; hosts: readonly string[] }): (request: IncomingMessage) => AccessVerdict {
  const names = new Set(['localhost', ...options.hosts.map((name) => name.toLowerCase())]);
  const token = options.token;
  return (request) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://board');
      if (!(request.url ?? '/').startsWith('/') || (request.url ?? '').startsWith('//')) throw new Error('not a path');
    } catch {
      return { kind: 'refused', status: 400, message: 'That request is not one the board understands.\n' };
    }
    const host = hostName(request.headers.host);
    if (host === undefined || !(isIP(host) !== 0 || names.has(host))) {
      return { kind: 'refused', status: 421, message: 'This board does not answer to that name. (Start it with --allow-host <name> to open it by a name.)\n' };
    }
    if (!token) return { kind: 'allowed', url };
    if (same(cookieOf(request.headers.cookie), token) || same(bearerOf(request.headers.authorization), token)) return { kind: 'allowed', url };
    const given = url.searchParams.get('token');
    if (given !== null && same(given, token)) {
      url.searchParams.delete('token');
      return { kind: 'exchange', location: `${url.pathname}${url.search}`, cookie: `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` };
    }
    return { kind: 'refused', status: 401, message: 'This board needs its access token: open the address irp serve printed.\n' };
  };
}

/** The host name of a Host header, without its port, lower-cased; IPv6 without its brackets. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]?.toLowerCase();
  const plain = /^([A-Za-z0-9.-]+)(?::\d+)?$/.exec(header);
  return plain?.[1]?.toLowerCase();
}

function cookieOf(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer (\S+)$/.exec(header ?? '')?.[1];
}

function same(given: string | undefined, wanted: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
}
