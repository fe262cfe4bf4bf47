/**
 * The origins a run may reach are the profile's, never the server's. The browser and the back channel
 * talk only to origins the profile names — issuer, explicit endpoints, resource, `allowed_origins` —
 * and to the harness's own hosts (redirect URIs, attacker hosts, which resolve to the stub). Metadata is
 * the server's word: an endpoint it names on another origin, with another scheme, or on a loopback,
 * private or link-local address the profile did not name is refused before any secret is sent to it.
 */
import { isIP } from 'node:net';
import { HarnessError } from '../harness-error.js';
import type { Endpoints } from './discover.js';
import type { TargetProfile } from './schema.js';

/** What resolution needs of a target to know its origins (a ResolvedTarget fits). */
export interface OriginSource {
  profile: TargetProfile;
  endpoints: Pick<Endpoints, 'issuer'>;
  resource?: string;
}

/** The origins the profile names (for an embedded target: the server the harness started). */
export function targetOrigins(t: OriginSource): string[] {
  const urls = [t.endpoints.issuer, t.profile.endpoints?.authorization, t.profile.endpoints?.token, t.resource, ...(t.profile.allowed_origins ?? [])];
  return [...new Set(urls.filter((u): u is string => Boolean(u)).map(originOf).filter((o): o is string => Boolean(o)))];
}

/** What the browser may load besides the harness hosts: the target's origins and the registered redirect URIs'. */
export function browserOrigins(t: OriginSource): string[] {
  const redirects = Object.values(t.profile.clients).flatMap((c) => c.redirect_uris).map(originOf).filter((o): o is string => Boolean(o));
  return [...new Set([...targetOrigins(t), ...redirects])];
}

/** Hosts of the profile's origins: the only names besides the harness's that the browser resolves. */
export function targetHostsOf(origins: readonly string[]): string[] {
  return [...new Set(origins.map((o) => new URL(o).hostname.replace(/^\[|\]$/g, '')))];
}

export function isHttpUrl(value: string): boolean {
  const u = parse(value);
  return Boolean(u && (u.protocol === 'http:' || u.protocol === 'https:'));
}

/** Why `url` may not be reached, or undefined when its origin is one of `origins`. */
export function refusal(url: string, origins: readonly string[]): string | undefined {
  const u = parse(url);
  if (!u) return 'not a URL';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `its scheme ${u.protocol} is not http(s)`;
  if (origins.includes(u.origin)) return undefined;
  const kind = addressKind(u.hostname);
  return `its origin ${u.origin}${kind ? ` (a ${kind} address)` : ''} is not one the target profile names`;
}

/**
 * The endpoints discovery produced, each on an origin the profile names; else a HarnessError with the
 * offending URL, raised before any request (and so any secret) goes there.
 */
export function checkEndpointOrigins(endpoints: Endpoints, origins: readonly string[]): void {
  const named: [string, string][] = [['authorization_endpoint', endpoints.authorization], ['token_endpoint', endpoints.token]];
  for (const [name, url] of named) {
    const why = refusal(url, origins);
    if (!why) continue;
    const from = endpoints.metadataUrl ? `the metadata at ${endpoints.metadataUrl} names ${name}` : `${name} is`;
    throw new HarnessError(
      `${from} ${JSON.stringify(url)}: refused, ${why} (origins named: ${origins.join(', ')})`,
      'the harness only reaches origins the profile names; if that origin really is this server\'s, add it to `allowed_origins:` (or set `endpoints:`) in the target profile',
    );
  }
}

/** loopback, private, link-local or unique-local, for messages (an address the profile did not name). */
export function addressKind(host: string): string | undefined {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return 'loopback';
  const v = isIP(h);
  if (v === 4) {
    const [a, b] = h.split('.').map(Number);
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b < 128)) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 0) return 'unspecified';
  } else if (v === 6) {
    if (h === '::1') return 'loopback';
    if (h === '::') return 'unspecified';
    if (/^fe[89ab]/.test(h)) return 'link-local';
    if (/^f[cd]/.test(h)) return 'unique-local';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return addressKind(mapped[1]);
  }
  return undefined;
}

function originOf(url: string): string | undefined {
  const u = parse(url);
  return u && (u.protocol === 'http:' || u.protocol === 'https:') ? u.origin : undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
