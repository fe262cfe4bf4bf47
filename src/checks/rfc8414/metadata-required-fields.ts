/**
 * metadata-required-fields (META-03) — the metadata has the members RFC 8414 §2 requires:
 * `authorization_endpoint` (unless no grant type supported uses it), `token_endpoint` (unless only the
 * implicit grant is supported) as absolute URLs, and `response_types_supported` as a non-empty array of
 * strings. Judged on the RFC 8414 document when served, else on the OpenID Connect one. The scheme of
 * the endpoint URLs is the transport checks' business (TLS-01, TLS-02), not this one's.
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
import { safeUrl } from '../../evidence/params.js';
import type { CheckDefinition } from '../types.js';
import { servedMetadata, sourceLabel, stringList } from '../metadata.js';

const AUTHORIZATION_GRANTS = ['authorization_code', 'implicit'];

export const metadataRequiredFields: CheckDefinition<'metadata'> = {
  id: 'metadata-required-fields',
  title: 'The metadata has authorization_endpoint, token_endpoint and response_types_supported',
  catalog: ['META-03'],
  requirements: ['RFC8414-2'],
  level: 'MUST',
  quote: 'authorization_endpoint: URL of the authorization server\'s authorization endpoint [RFC6749]. This is REQUIRED unless no grant types are supported '
    + 'that use the authorization endpoint. token_endpoint: [...] This is REQUIRED unless only the implicit grant type is supported. '
    + 'response_types_supported: REQUIRED. JSON array containing a list of the OAuth 2.0 "response_type" values that this authorization server supports.',
  on: 'metadata',
  evaluate(e) {
    const doc = servedMetadata(e);
    if (!doc) return { holds: 'n/a', reason: 'no metadata document was served (see metadata-published)' };
    const m = doc.json;
    const expected = 'authorization_endpoint and token_endpoint as absolute URLs; response_types_supported a non-empty array of strings';
    const problems: string[] = [];
    const responseTypes = stringList(m.response_types_supported);
    if (!responseTypes?.length) problems.push(`response_types_supported is ${m.response_types_supported === undefined ? 'missing' : 'not a non-empty array of strings'}`);
    const grants = stringList(m.grant_types_supported);
    const usesAuthorizationEndpoint = !grants || grants.some((g) => AUTHORIZATION_GRANTS.includes(g));
    const onlyImplicit = responseTypes !== undefined && responseTypes.length > 0 && responseTypes.every((t) => t === 'token');
    for (const [name, required] of [['authorization_endpoint', usesAuthorizationEndpoint], ['token_endpoint', !onlyImplicit]] as const) {
      const v = m[name];
      if (v === undefined) { if (required) problems.push(`${name} is missing`); continue; }
      const u = typeof v === 'string' ? safeUrl(v) : undefined;
      if (!u || !/^https?:$/.test(u.protocol)) problems.push(`${name} is not an absolute http(s) URL: ${JSON.stringify(v)}`);
    }
    const where = `in the ${sourceLabel(doc.source)}`;
    if (problems.length) return { holds: false, expected, actual: `${problems.join('; ')} ${where}`, message: `${problems[0]} ${where}` };
    return { holds: true, expected, actual: `all present ${where}` };
  },
};
