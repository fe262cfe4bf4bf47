/**
 * sender-constrained-tokens-only (FAPI-01) — every access token issued is sender-constrained: a token
 * request without a DPoP proof (and without mTLS) gets no bearer token. A MUST of FAPI 2.0 only: other
 * profiles let servers issue bearer tokens (a MAY, reported with a note).
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.1
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-5
 */
import type { CheckDefinition } from '../types.js';
import { boundToken } from '../dpop-evidence.js';
import { describeTokenResponse, issuedAccessToken, tokenBody } from '../token-response.js';

export const senderConstrainedTokensOnly: CheckDefinition<'token'> = {
  id: 'sender-constrained-tokens-only',
  title: 'Only sender-constrained access tokens are issued',
  catalog: ['FAPI-01', 'RS-06'],
  requirements: ['FAPI2-5.3.2.1', 'RFC9449-5'],
  level: { default: 'MAY', fapi2: 'MUST' },
  quote: 'shall only issue sender-constrained access tokens',
  on: 'token',
  evaluate(e) {
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: `no access token issued (${describeTokenResponse(e)})` };
    const expected = 'token_type DPoP (or an mTLS-bound token), never a bearer token';
    const actual = `token_type ${JSON.stringify(tokenBody(e)?.token_type)}${e.dpop ? ` (DPoP proof: ${e.dpop.variant})` : ' (no DPoP proof sent)'}`;
    if (boundToken(e)) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: 'a token request without proof of possession got a bearer access token' };
  },
};
