/**
 * Declared features against the server's own metadata (RFC 8414 §2, RFC 9207 §3): metadata may add a
 * feature the profile did not declare, or contradict one it did. Either is reported, never silently
 * applied: the profile stays the source of what is tested.
 */
import { FEATURE_NAMES, type Feature } from '../spec/features.js';

const SIGNALS: { feature: Feature; field: string; says: (m: Record<string, unknown>) => boolean | undefined }[] = [
  { feature: 'pkce', field: 'code_challenge_methods_supported', says: (m) => listed(m.code_challenge_methods_supported, 'S256') },
  { feature: 'iss-parameter', field: 'authorization_response_iss_parameter_supported', says: (m) => (typeof m.authorization_response_iss_parameter_supported === 'boolean' ? m.authorization_response_iss_parameter_supported : undefined) },
  { feature: 'refresh-token', field: 'grant_types_supported', says: (m) => listed(m.grant_types_supported, 'refresh_token') },
  { feature: 'implicit', field: 'response_types_supported', says: (m) => listed(m.response_types_supported, 'token') },
  { feature: 'client-secret-basic', field: 'token_endpoint_auth_methods_supported', says: (m) => listed(m.token_endpoint_auth_methods_supported, 'client_secret_basic') },
  { feature: 'client-secret-post', field: 'token_endpoint_auth_methods_supported', says: (m) => listed(m.token_endpoint_auth_methods_supported, 'client_secret_post') },
  { feature: 'revocation', field: 'revocation_endpoint', says: (m) => typeof m.revocation_endpoint === 'string' || undefined },
  { feature: 'introspection', field: 'introspection_endpoint', says: (m) => typeof m.introspection_endpoint === 'string' || undefined },
];

/**
 * The features the metadata advertises, in vocabulary order: the starting point of a draft profile
 * (`oauth-conformance init`). The authorization code grant counts as offered unless
 * response_types_supported leaves `code` out (RFC 8414 §2 makes the field required, but not all publish it).
 */
export function advertisedFeatures(metadata: Record<string, unknown>): Feature[] {
  const found = new Set<Feature>(SIGNALS.filter((s) => s.says(metadata)).map((s) => s.feature));
  if (listed(metadata.response_types_supported, 'code') !== false) found.add('authorization-code');
  return FEATURE_NAMES.filter((f) => found.has(f));
}

function listed(v: unknown, item: string): boolean | undefined {
  return Array.isArray(v) ? v.includes(item) : undefined;
}

export function featureFindings(declared: ReadonlySet<Feature>, metadata: Record<string, unknown> | undefined): string[] {
  if (!metadata) return [];
  const out: string[] = [];
  for (const s of SIGNALS) {
    const says = s.says(metadata);
    if (says === undefined) continue;
    if (declared.has(s.feature) && !says) out.push(`the profile declares \`${s.feature}\` but the metadata's ${s.field} does not advertise it`);
    if (!declared.has(s.feature) && says) out.push(`the metadata advertises \`${s.feature}\` (${s.field}) but the profile does not declare it: its scenarios are skipped`);
  }
  return out;
}
