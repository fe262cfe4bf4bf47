/**
 * A loaded profile resolved against the live server: endpoints (explicit `endpoints` win; otherwise
 * RFC 8414 metadata, then OpenID Connect Discovery, fetched here), the features, the resource URL, the
 * CA to trust. A target without metadata needs `endpoints` in its profile.
 */
import { readFileSync } from 'node:fs';
import type { Feature } from '../spec/features.js';
import { HarnessError } from '../harness-error.js';
import { metadataUrls, type Endpoints } from '../target/discover.js';
import { checkEndpointOrigins, targetOrigins } from '../target/origins.js';
import { EMBEDDED_ENV, type ResolvedTarget } from '../target/resolve.js';
import type { TargetProfile } from '../target/schema.js';
import { describeBody, send, trustCa } from './http.js';

/** `env`: where an embedded target's server is (EMBEDDED_ENV names; runner/embedded.ts embeddedEnv), never the process's environment. */
export async function resolveTarget(profile: TargetProfile, env: Record<string, string | undefined> = {}): Promise<ResolvedTarget> {
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

export async function discover(issuer: string | undefined, explicit: { authorization?: string; token?: string } | undefined, timeout: number): Promise<Endpoints> {
  if (explicit?.authorization && explicit.token && !issuer) {
    return { issuer: new URL(explicit.authorization).origin, authorization: explicit.authorization, token: explicit.token };
  }
  if (!issuer) throw new HarnessError('the target profile has neither an issuer nor endpoints', 'add `issuer:` or `endpoints: { authorization, token }`');
  const tried: string[] = [];
  for (const url of metadataUrls(issuer)) {
    const ex = await send({ method: 'GET', url, timeout });
    const m = ex.response.json as Record<string, unknown> | undefined;
    if (ex.response.status === 200 && m && typeof m === 'object') {
      const authorization = explicit?.authorization ?? String(m.authorization_endpoint ?? '');
      const token = explicit?.token ?? String(m.token_endpoint ?? '');
      if (!authorization || !token) throw new HarnessError(`metadata at ${url} has no authorization_endpoint or token_endpoint`, 'set `endpoints:` in the target profile');
      return { issuer, authorization, token, metadata: m, metadataUrl: url };
    }
    const { status, headers } = ex.response;
    tried.push(`${url} → ${status}${status >= 300 && status < 400 ? ` to ${headers.location ?? '(no Location)'}` : status === 200 ? ` with ${describeBody(ex.response)}, not a JSON object` : ''}`);
  }
  if (explicit?.authorization && explicit.token) return { issuer, authorization: explicit.authorization, token: explicit.token };
  throw new HarnessError(`no metadata found for issuer ${issuer} (${tried.join('; ')})`, 'check the issuer, or set `endpoints:` in the target profile');
}
