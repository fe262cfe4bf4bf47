/**
 * A target the steps can use (endpoints, features, resource URL; resolved over HTTP by
 * drive/resolve-target.ts), and the host names the browser must treat as the harness's own.
 */
import { ATTACKER_HOST } from '../spec/redirect-uri-variants.js';
import type { Feature } from '../spec/features.js';
import type { Endpoints } from './discover.js';
import { addressKind, targetHostsOf, targetOrigins } from './origins.js';
import type { TargetProfile } from './schema.js';

export interface ResolvedTarget {
  profile: TargetProfile;
  endpoints: Endpoints;
  features: ReadonlySet<Feature>;
  /** Protected resource URL, when the target has one. */
  resource?: string;
  /** A CA certificate (PEM) the harness trusts for this target (the embedded https server's). */
  ca?: string;
}


/** Where the embedded server is, once started: the names resolveTarget reads it by (global setup hands it over per project, src/config.ts). */
export const EMBEDDED_ENV = { issuer: 'OC_EMBEDDED_ISSUER', resource: 'OC_EMBEDDED_RESOURCE', ca: 'OC_EMBEDDED_CA' } as const;

/** Redirect URI hosts and attacker hosts: resolved by the browser to the harness's stub. */
export function harnessHosts(profile: TargetProfile): string[] {
  const hosts = Object.values(profile.clients).flatMap((c) => c.redirect_uris.map((u) => new URL(u).hostname));
  const own = hosts.filter((h) => !isLoopback(h));
  // Subdomains of the redirect hosts and the hosts with a TLD appended are attack variants (RU-03): ours too.
  return [...new Set([...own, ...own.map((h) => `*.${h}`), ...own.map((h) => `${h}.com`), ATTACKER_HOST, `*.${ATTACKER_HOST}`])];
}

/**
 * Whether a host (with its port, as in `URL.host`) is the harness's: a harness host name; or, when the
 * profile registers loopback redirect URIs (`loopback`), any loopback host and port that is not one of
 * the target's own (`targetAuthorities`): RFC 8252 §7.3 lets a native client's port vary.
 */
export function isHarnessHostOf(hosts: string[], loopback?: { targetAuthorities: string[] }): (host: string) => boolean {
  return (host) => {
    const name = URL.canParse(`http://${host}`) ? new URL(`http://${host}`).hostname : host;
    if (loopback && isLoopback(name)) return !loopback.targetAuthorities.includes(host);
    return hosts.some((h) => (h.startsWith('*.') ? name.endsWith(h.slice(1)) : name === h));
  };
}

/** The loopback hosts of the profile's redirect URIs (answered in the browser, drive/loopback.ts). */
export function loopbackRedirectHosts(profile: TargetProfile): string[] {
  const hosts = Object.values(profile.clients).flatMap((c) => c.redirect_uris.map((u) => new URL(u).hostname));
  // The other loopback spellings too: the RU-13 variants move a redirect URI between them.
  return hosts.some(isLoopback) ? ['127.0.0.1', 'localhost', '[::1]'] : [];
}

/** host:port of the target's own URLs (the port left out when it is the scheme's default, as in `URL.host`). */
export function targetAuthorities(t: ResolvedTarget): string[] {
  const urls = [t.endpoints.issuer, t.endpoints.authorization, t.endpoints.token, t.resource].filter((u): u is string => Boolean(u));
  return [...new Set(urls.map((u) => new URL(u).host))];
}

/** Hosts of the origins the profile names: they resolve normally (a host only metadata names does not). */
export function targetHosts(t: ResolvedTarget): string[] {
  return targetHostsOf(targetOrigins(t));
}

function isLoopback(host: string): boolean {
  return addressKind(host) === 'loopback';
}
