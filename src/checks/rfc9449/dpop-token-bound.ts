/**
 * dpop-token-bound (DP-01) — a token request with a valid DPoP proof gets an access token bound to the
 * proof's key: token_type DPoP.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-5
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.1
 */
import type { CheckDefinition } from '../types.js';
import { boundToken } from '../dpop-evidence.js';
import { describeTokenResponse, issuedAccessToken, tokenBody } from '../token-response.js';

export const dpopTokenBound: CheckDefinition<'token'> = {
  id: 'dpop-token-bound',
  title: 'A valid DPoP proof gets a DPoP-bound access token',
  catalog: ['DP-01'],
  requirements: ['RFC9449-5', 'FAPI2-5.3.2.1'],
  level: 'MUST',
  quote: 'A token_type of DPoP MUST be included in the access token response to signal to the client that the access token was bound to its DPoP key',
  on: 'token',
  evaluate(e) {
    if (e.dpop?.variant !== 'valid') return { holds: 'n/a', reason: 'the request sent no valid DPoP proof' };
    const expected = '200 with access_token and token_type DPoP';
    const actual = `${describeTokenResponse(e)}${issuedAccessToken(e) ? `, token_type ${JSON.stringify(tokenBody(e)?.token_type)}` : ''}`;
    if (!issuedAccessToken(e)) return { holds: false, expected, actual, message: 'a token request with a valid DPoP proof got no access token' };
    if (!boundToken(e)) return { holds: false, expected, actual, message: 'a token request with a valid DPoP proof got an access token that is not DPoP-bound (token_type is not DPoP)' };
    return { holds: true, expected, actual };
  },
};
