/**
 * invalid-client-www-authenticate (TK-12) — a client that authenticated with HTTP Basic and failed
 * (wrong or empty secret) gets 401 with a WWW-Authenticate header for the Basic scheme, error=invalid_client.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import type { CheckDefinition } from '../types.js';
import { authVariant, describeTokenResponse, errorCode, headerOf, issuedAccessToken, usedBasicAuth } from '../token-response.js';

const BAD_CREDENTIALS = new Set(['wrong-secret', 'empty-secret']);

export const invalidClientWwwAuthenticate: CheckDefinition<'token'> = {
  id: 'invalid-client-www-authenticate',
  title: 'A failed client authentication with HTTP Basic gets 401 and WWW-Authenticate',
  catalog: ['TK-12'],
  requirements: ['RFC6749-5.2'],
  level: 'MUST',
  quote: 'If the client attempted to authenticate via the "Authorization" request header field, the authorization server MUST respond with an HTTP 401 (Unauthorized) status code and include the "WWW-Authenticate" response header field matching the authentication scheme used by the client.',
  on: 'token',
  evaluate(e) {
    if (!usedBasicAuth(e)) return { holds: 'n/a', reason: 'the client did not authenticate with the Authorization header' };
    const failedAuth = BAD_CREDENTIALS.has(authVariant(e) ?? '') || errorCode(e) === 'invalid_client';
    if (!failedAuth) return { holds: 'n/a', reason: 'the request carried valid credentials in HTTP Basic and the server reported no client authentication failure' };
    if (issuedAccessToken(e)) return { holds: 'n/a', reason: 'tokens were issued (client-authentication-required judges that)' };
    const challenge = headerOf(e.response.headers, 'www-authenticate');
    const expected = '401, error=invalid_client, WWW-Authenticate: Basic …';
    const actual = `${describeTokenResponse(e)}, WWW-Authenticate: ${challenge ?? '(none)'}`;
    const wrong: string[] = [];
    if (e.response.status !== 401) wrong.push(`status ${e.response.status} instead of 401`);
    if (!challenge) wrong.push('no WWW-Authenticate header');
    else if (!/^\s*basic\b/i.test(challenge) && !/,\s*basic\b/i.test(challenge)) wrong.push(`WWW-Authenticate names no challenge of the scheme Basic ("${challenge}")`);
    if (errorCode(e) !== 'invalid_client') wrong.push(`error=${errorCode(e) ?? '(none)'} instead of invalid_client`);
    if (wrong.length) return { holds: false, expected, actual, message: `a failed client authentication with HTTP Basic was answered with ${wrong.join('; ')}` };
    return { holds: true, expected, actual };
  },
};
