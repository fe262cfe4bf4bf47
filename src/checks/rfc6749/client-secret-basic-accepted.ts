/**
 * client-secret-basic-accepted (TK-08) — a client issued a password authenticates with HTTP Basic
 * (id and secret form-urlencoded, then base64) and its otherwise valid request gets tokens.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
import type { CheckDefinition } from '../types.js';
import { authVariant, describeTokenResponse, errorCode, issuedAccessToken, usedBasicAuth } from '../token-response.js';

export const clientSecretBasicAccepted: CheckDefinition<'token'> = {
  id: 'client-secret-basic-accepted',
  title: 'Client authentication with HTTP Basic is supported',
  catalog: ['TK-08'],
  requirements: ['RFC6749-2.3.1'],
  level: 'MUST',
  quote: 'The authorization server MUST support the HTTP Basic authentication scheme for authenticating clients that were issued a client password.',
  on: 'token',
  evaluate(e) {
    if (!usedBasicAuth(e)) return { holds: 'n/a', reason: 'the request did not authenticate with HTTP Basic' };
    const variant = authVariant(e);
    if (variant) return { holds: 'n/a', reason: `the request used the client authentication variant ${variant}, not valid credentials` };
    if (e.variants.some((v) => !v.startsWith('extra:'))) return { holds: 'n/a', reason: `the request was manipulated (${e.variants.join(', ')})` };
    const expected = 'tokens issued to the Basic-authenticated client';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: true, expected, actual };
    const why = errorCode(e) === 'invalid_client' ? ': the server rejected valid Basic credentials' : '';
    return { holds: false, expected, actual, message: `a valid request authenticated with HTTP Basic got no tokens (${actual})${why}` };
  },
};
