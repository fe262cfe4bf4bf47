/**
 * From a loaded profile to a target the steps can use: endpoints (discovered or explicit), the
 * features, the resource URL, and the host names the browser must treat as the harness's own.
 */
import { readFileSync } from 'node:fs';
import { ATTACKER_HOST } from '../spec/redirect-uri-variants.js';
import type { Feature } from '../spec/features.js';
import type { ResolvedTarget } from '../steps/context.js';
import { trustCa } from '../drive/http.js';
import { discover } from './discover.js';
import { addressKind, checkEndpointOrigins, targetHostsOf, targetOrigins } from './origins.js';
import type { TargetProfile } from './schema.js';

/** Where the embedded server is, once started: set by the run's global setup. */
export const EMBEDDED_ENV = { issuer: 'OC_EMBEDDED_ISSUER', resource: 'OC_EMBEDDED_RESOURCE', ca: 'OC_EMBEDDED_CA' } as const;

export async function resolveTarget(profile: TargetProfile, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedTarget> {
  const embedded = Boolean(profile.embedded);
  const issuer = embedded ? env[EMBEDDED_ENV.issuer] : profile.issuer;
  // The CA of an embedded https server (generated for the run), or the profile's private CA: trusted
  // before discovery needs it.
  const ca = embedded ? env[EMBEDDED_ENV.ca] || undefined : profile.ca ? readFileSync(profile.ca, 'utf8') : undefined;
  if (ca) trustCa(ca);
  const endpoints = await discover(issuer, profile.endpoints, profile.timeouts?.http ?? 10000);
  const resource = profile.resource ?? (embedded ? env[EMBEDDED_ENV.resource] || undefined : undefined);
  // Metadata naming an origin the profile does not: refused here, before a secret goes anywhere.
  checkEndpointOrigins(endpoints, targetOrigins({ profile, endpoints, resource }));
  return { profile, endpoints, features: new Set(profile.features as Feature[]), resource, ...(ca ? { ca } : {}) };
}

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
