/**
 * resource-www-authenticate (RS-04) — a protected-resource request without a usable token (none, or a
 * made-up one) is answered with `WWW-Authenticate: Bearer …` (MUST). The details are SHOULDs, judged
 * lenient: status 401; no error code when no credentials were sent; error="invalid_token" for a bad
 * token. A 2xx is n/a here (resource-rejects-invalid-token judges it).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
import type { CheckDefinition } from '../types.js';
import { headerOf } from '../token-response.js';

/** The auth-params of the Bearer challenge, lower-cased names. */
function bearerChallenge(value: string): Record<string, string> | undefined {
  const m = /(?:^|,)\s*bearer\b(.*)$/i.exec(value);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[1].matchAll(/([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g)) params[p[1].toLowerCase()] = p[2] ?? p[3];
  return params;
}

export const resourceWwwAuthenticate: CheckDefinition<'resource'> = {
  id: 'resource-www-authenticate',
  title: 'A refused protected-resource request gets WWW-Authenticate: Bearer',
  catalog: ['RS-04'],
  requirements: ['RFC6750-3', 'RFC6750-3.1'],
  level: 'MUST',
  quote: 'If the protected resource request does not include authentication credentials or does not contain an access token that enables access to the protected resource, the resource server MUST include the HTTP "WWW-Authenticate" response header field',
  on: 'resource',
  evaluate(e) {
    if (e.presented !== 'none' && e.presented !== 'bogus') return { holds: 'n/a', reason: `a valid token was presented (${e.presented})` };
    const s = e.response.status;
    if (s >= 200 && s < 300) return { holds: 'n/a', reason: `the resource answered ${s}: it did not refuse (resource-rejects-invalid-token judges that)` };
    const value = headerOf(e.response.headers, 'www-authenticate');
    const none = e.presented === 'none';
    const expected = none ? '401 with WWW-Authenticate: Bearer (no error attribute)' : '401 with WWW-Authenticate: Bearer error="invalid_token"';
    const actual = `${s}, WWW-Authenticate: ${value ?? '(none)'}`;
    const what = none ? 'a request without a token' : 'a request with a made-up token';
    if (!value) return { holds: false, expected, actual, message: `${what} was refused (${s}) without a WWW-Authenticate header` };
    const params = bearerChallenge(value);
    if (!params) return { holds: false, expected, actual, message: `${what} was refused with a WWW-Authenticate header that names no challenge of the scheme Bearer` };
    if (s !== 401) return { holds: 'lenient', expected, actual, message: `${what} was answered ${s} instead of 401` };
    if (none && params.error) return { holds: 'lenient', expected, actual, message: `error="${params.error}" for a request that carried no credentials (RFC 6750 §3.1: SHOULD NOT include an error code)` };
    if (!none && params.error !== 'invalid_token') {
      return { holds: 'lenient', expected, actual, message: `a made-up token got ${params.error ? `error="${params.error}"` : 'no error attribute'} instead of error="invalid_token"` };
    }
    return { holds: true, expected, actual };
  },
};
