/**
 * pkce-s256-accepted (PK-01) — a code requested with an S256 challenge and redeemed with its matching
 * verifier yields an access token: the server implements S256, the method RFC 7636 makes mandatory to
 * implement. Judged only where both hold (challenge S256, verifier matching); otherwise n/a.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 */
import type { CheckDefinition } from '../types.js';
import { challengeOf, sentVerifier, verifierMatches } from '../pkce.js';
import { authorizationOf } from '../related.js';
import { describeTokenResponse, issuedAccessToken } from '../token-response.js';

export const pkceS256Accepted: CheckDefinition<'token'> = {
  id: 'pkce-s256-accepted',
  title: 'A code requested with an S256 challenge is redeemed with its verifier',
  catalog: ['PK-01'],
  requirements: ['RFC7636-4.2', 'RFC9700-2.1.1'],
  level: 'MUST',
  quote: 'If the client is capable of using "S256", it MUST use "S256", as "S256" is Mandatory To Implement (MTI) on the server.',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx);
    const challenge = auth && challengeOf(auth);
    if (challenge?.method !== 'S256') return { holds: 'n/a', reason: 'the authorization request carried no S256 code_challenge' };
    const verifier = sentVerifier(e);
    if (verifier === undefined || !verifierMatches(verifier, challenge)) return { holds: 'n/a', reason: 'the token request did not carry the verifier of that challenge' };
    const expected = '200 with an access token';
    const actual = describeTokenResponse(e);
    if (e.response.status === 200 && issuedAccessToken(e)) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `a code requested with an S256 challenge and redeemed with its verifier got no token (${actual}): S256 is mandatory to implement` };
  },
};
